package dev.shortlist.api;

import dev.shortlist.jobs.JobStatus;
import dev.shortlist.jobs.JobType;
import dev.shortlist.jobs.Shortlist;
import dev.shortlist.jobs.ShortlistItem;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A batch's ranked shortlist; {@code complete} is false while children are still running. */
@Schema(name = "Shortlist")
public record ShortlistView(
        UUID batchId,
        @Schema(description = "The batch's type, which says the shape of its items") JobType type,
        boolean complete,
        @Schema(description = "Resumes done so far (scored, or tailored)") int scored,
        int total,
        @Schema(description = "A score batch's items rank by score; a tailor batch's by atsScoreAfter, with atsScoreBefore beside it")
        List<ShortlistItem> items) {

    static ShortlistView of(Shortlist shortlist) {
        var batch = shortlist.batch();
        return new ShortlistView(batch.id(), batch.type(), batch.isFinished(), batch.counts().get(JobStatus.SUCCEEDED),
                batch.total(), List.copyOf(shortlist.items()));
    }
}
