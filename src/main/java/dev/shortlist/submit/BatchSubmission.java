package dev.shortlist.submit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.jobs.JobType;
import dev.shortlist.jobs.Priority;
import dev.shortlist.jobs.SelfIdentified;
import java.util.List;

/**
 * A batch as asked for, already checked for shape by the API layer.
 *
 * @param resumes        one entry per child job, in the caller's order
 * @param idempotencyKey the request's Idempotency-Key, or null
 * @param rescoreTop     how many of the best resumes the remote model re-scores after the local engine ranked all; null for none
 * @param notifyEmail    checked addresses to email when the batch completes; empty for none
 */
public record BatchSubmission(JobType type, Priority priority, GivenText jobDescription, ObjectNode options,
        List<Resume> resumes, String idempotencyKey, Integer rescoreTop, List<String> notifyEmail) {

    /**
     * One resume: the caller's id for it, its text or uploaded document, and the categories
     * the candidate self-identified (null for none), which never go into the job's input.
     */
    public record Resume(String externalId, GivenText resume, SelfIdentified selfIdentified) {

        public Resume(String externalId, GivenText resume) {
            this(externalId, resume, null);
        }
    }
}
