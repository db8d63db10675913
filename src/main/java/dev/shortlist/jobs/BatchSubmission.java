package dev.shortlist.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A batch as asked for, with every document already resolved to its text.
 *
 * @param jobDescription {@code {"text": ...}} (plus {@code documentId} or {@code postingId} when it came from one)
 * @param resumes        one entry per child job, in the caller's order
 * @param idempotencyKey the request's Idempotency-Key, or null
 * @param rescoreTop     how many of the best resumes the remote model re-scores after the local engine ranked all; null for none
 * @param notifyEmail    checked addresses to email when the batch completes; empty for none
 */
public record BatchSubmission(JobType type, Priority priority, ObjectNode jobDescription, ObjectNode options,
        List<Resume> resumes, String idempotencyKey, Integer rescoreTop, List<String> notifyEmail) {

    /** One resume: the caller's id for it, and {@code {"text": ...}} (plus {@code documentId}). */
    public record Resume(String externalId, ObjectNode resume) {
    }
}
