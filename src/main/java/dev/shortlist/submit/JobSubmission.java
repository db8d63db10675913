package dev.shortlist.submit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.jobs.JobType;
import dev.shortlist.jobs.Priority;

/**
 * What a caller asks for, already checked for shape by the API layer.
 *
 * @param resume         the resume (score, tailor), or null
 * @param profile        the candidate profile (generate), or null
 * @param options        type-specific options, or null for none
 * @param idempotencyKey the caller's Idempotency-Key, or null
 */
public record JobSubmission(JobType type, Priority priority, GivenText resume, GivenText jobDescription, ObjectNode profile,
        ObjectNode options, String idempotencyKey) {
}
