package dev.shortlist.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.jobs.JobType;
import dev.shortlist.jobs.Priority;
import dev.shortlist.jobs.SelfIdentified;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v1/batches}. */
@Schema(name = "SubmitBatch", description = "One job description against many resumes")
public record SubmitBatchRequest(
        @NotNull @Schema(required = true, description = "score or tailor") JobType type,
        @NotNull @Valid @Schema(required = true) SubmitJobRequest.TextInput jobDescription,
        @NotNull @Schema(required = true, description = "Up to 10,000 resumes, one child job each") List<@NotNull @Valid ResumeItem> resumes,
        @Schema(description = "Priority of every child job; default bulk") Priority priority,
        @Schema(description = "Type-specific options for every child job") ObjectNode options,
        @Valid @Schema(description = "Two stages: the local engine ranks every resume, then the remote model re-scores "
                + "the best `top` (score batches; needs a remote model configured)") Rescore rescore,
        // "notify" on the wire; a record component cannot be named after Object.notify().
        @JsonProperty("notify") @Schema(description = "Who is told when every child job has ended") Notify notifications) {

    /** The second stage of a two-stage batch. */
    @Schema(name = "BatchRescore")
    public record Rescore(
            @NotNull @Schema(required = true, description = "How many of the best resumes the remote model re-scores, 1 to 1,000")
            Integer top) {
    }

    /** Notifications on completion: today, email. */
    @Schema(name = "BatchNotify")
    public record Notify(
            @Schema(description = "Addresses that get one email when the batch completes: counts, top candidates and a link",
                    examples = "[\"recruiter@example.com\"]") List<String> email) {
    }

    /** One resume: its text or uploaded document, and your id for it (shown in the shortlist). */
    @Schema(name = "BatchResume")
    @TextOrDocument
    public record ResumeItem(
            @Schema(description = "Your id for this resume, e.g. a candidate or application id") String externalId,
            String text,
            UUID documentId,
            @Schema(description = "Categories the candidate chose to self-identify, for the batch's adverse-impact report: "
                    + "sex (female, male, declined) and raceEthnicity (EEO-1 categories or declined). Stored apart from the "
                    + "resume; never given to an engine or a model") SelfIdentified selfIdentified) implements TextOrDocument.Given {
    }
}
