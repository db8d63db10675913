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
        @NotNull @Valid @Schema(required = true, description = "The job description") TextInput jobDescription,
        @Schema(description = "critical, high, normal (default), low or bulk") Priority priority,
        @Schema(description = "Type-specific options") ObjectNode options) {

    /** A text given inline. */
    @Schema(name = "TextInput")
    public record TextInput(@NotNull @Schema(required = true) String text) {
    }
}
