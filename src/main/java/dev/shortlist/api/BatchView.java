package dev.shortlist.api;

import dev.shortlist.jobs.Batch;
import dev.shortlist.jobs.BatchStatus;
import dev.shortlist.jobs.JobType;
import dev.shortlist.jobs.Priority;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A batch as callers see it. */
@Schema(name = "Batch")
public record BatchView(
        UUID id,
        JobType type,
        @Schema(description = "running, completed or cancelled") String status,
        Priority priority,
        int total,
        @Schema(description = "Child jobs by status") Map<String, Integer> counts,
        @Schema(description = "Percentage of child jobs that ended") int progress,
        Instant createdAt,
        Instant cancelledAt,
        Instant finishedAt,
        @Schema(description = "Present on two-stage batches: how many of the best resumes the remote model re-scores, "
                + "and when that stage began (null until the local engine has ranked every resume)") Rescore rescore) {

    /** A two-stage batch's second stage. */
    @Schema(name = "BatchRescoreState")
    public record Rescore(int top, Instant startedAt) {
    }

    static BatchView of(Batch batch) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        batch.counts().forEach((status, count) -> counts.put(status.wireName(), count));
        String status = BatchStatus.of(batch).wireName();
        return new BatchView(batch.id(), batch.type(), status, batch.priority(), batch.total(), counts, batch.progress(),
                batch.createdAt(), batch.cancelledAt(), batch.finishedAt(),
                batch.rescoreTop() == null ? null : new Rescore(batch.rescoreTop(), batch.rescoreStartedAt()));
    }
}
