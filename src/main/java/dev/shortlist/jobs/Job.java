package dev.shortlist.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** A job as stored: one row of {@code jobs}. Immutable; state changes are guarded SQL updates. */
public record Job(
        UUID id,
        String owner,
        JobType type,
        JobStatus status,
        Priority priority,
        UUID batchId,
        JsonNode input,
        String inputHash,
        int progress,
        int attempts,
        int maxAttempts,
        Instant runAfter,
        String leaseOwner,
        Instant leaseExpiresAt,
        JsonNode result,
        JobError error,
        boolean cacheHit,
        LlmUsage usage,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        String waitingFor,
        Instant waitingSince,
        /** The submit request's W3C traceparent, null when it was submitted with tracing off. */
        String traceparent) {

    /** True when this attempt is the last one the job is allowed. */
    public boolean isLastAttempt() {
        return attempts >= maxAttempts;
    }
}
