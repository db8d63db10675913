package dev.shortlist.api;

import dev.shortlist.jobs.Batch;
import dev.shortlist.jobs.ShortlistEntry;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A batch's ranked shortlist; {@code complete} is false while children are still running. */
@Schema(name = "Shortlist")
public record ShortlistView(UUID batchId, boolean complete, int scored, int total, List<ShortlistEntry> items) {

    static ShortlistView of(Batch batch, List<ShortlistEntry> entries) {
        return new ShortlistView(batch.id(), batch.isFinished(), batch.counts().get(dev.shortlist.jobs.JobStatus.SUCCEEDED),
                batch.total(), entries);
    }
}
