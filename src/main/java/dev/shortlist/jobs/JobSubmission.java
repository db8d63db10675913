package dev.shortlist.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a caller asks for, already checked for shape by the API layer.
 *
 * @param input          the job's input document: {@code resume}, {@code jobDescription}, {@code options}
 * @param idempotencyKey the caller's Idempotency-Key, or null
 */
public record JobSubmission(JobType type, Priority priority, ObjectNode input, String idempotencyKey) {
}
