package dev.shortlist.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A batch and where its children stand.
 *
 * @param counts     children by status; every status present, zero when none
 * @param finishedAt when the last child ended, once all have
 * @param rescoreTop how many of the best resumes the remote model re-scores, or null
 * @param rescoreStartedAt when those re-scoring jobs were queued, or null
 */
public record Batch(
        UUID id,
        String owner,
        JobType type,
        Priority priority,
        JsonNode input,
        int total,
        Instant createdAt,
        Instant cancelledAt,
        Map<JobStatus, Integer> counts,
        Instant finishedAt,
        Integer rescoreTop,
        Instant rescoreStartedAt) {

    /** Children that reached an end state. */
    public int finished() {
        return counts.get(JobStatus.SUCCEEDED) + counts.get(JobStatus.FAILED) + counts.get(JobStatus.CANCELLED);
    }

    public boolean isFinished() {
        return finished() == total;
    }

    /** Whole-number percentage of children that ended. */
    public int progress() {
        return total == 0 ? 100 : (int) (100L * finished() / total);
    }
}
