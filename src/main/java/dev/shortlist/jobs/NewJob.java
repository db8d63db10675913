package dev.shortlist.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/** A job about to be inserted. */
public record NewJob(
        UUID id,
        String owner,
        JobType type,
        Priority priority,
        UUID batchId,
        JsonNode input,
        String inputHash,
        String idempotencyKey,
        int maxAttempts,
        String externalId,
        /** The submit request's W3C traceparent, null when tracing is off. */
        String traceparent) {

    /** A job without an external id (submitted on its own). */
    public NewJob(UUID id, String owner, JobType type, Priority priority, UUID batchId, JsonNode input,
            String inputHash, String idempotencyKey, int maxAttempts) {
        this(id, owner, type, priority, batchId, input, inputHash, idempotencyKey, maxAttempts, null, null);
    }
}
