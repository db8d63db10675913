package dev.shortlist.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.jobs.JobType;
import dev.shortlist.jobs.Priority;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v1/jobs}. */
@Schema(name = "SubmitJob", description = "A job to run: what to do and on which texts")
public record SubmitJobRequest(
        @NotNull @Schema(required = true, description = "score, tailor or generate") JobType type,
        @Valid @Schema(description = "The resume (score, tailor)") TextInput resume,
        @Schema(description = "The candidate profile to write a resume from (generate): name, contact, summary, "
                + "experience, education, skills, projects, certifications; the JSON Resume shape is accepted too")
        ObjectNode profile,
        @NotNull @Valid @Schema(required = true, description = "The job description") TextInput jobDescription,
        @Schema(description = "critical, high, normal (default), low or bulk") Priority priority,
        @Schema(description = "Type-specific options") ObjectNode options) {

    /** A text given inline, an uploaded document to take it from, or (for a job description) a stored posting: one of them. */
    @Schema(name = "TextInput")
    @TextOrDocument
    public record TextInput(
            @Schema(description = "The text itself") String text,
            @Schema(description = "The id of an uploaded document (POST /api/v1/documents)") java.util.UUID documentId,
            @Schema(description = "Job descriptions only: the id of a stored posting (POST /api/v1/postings), whose "
                    + "reading the engine reuses") java.util.UUID postingId)
            implements TextOrDocument.Given {
    }
}
