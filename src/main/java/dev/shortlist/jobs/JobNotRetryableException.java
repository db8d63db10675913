package dev.shortlist.jobs;

import dev.shortlist.platform.problem.ProblemException;
import java.util.UUID;

/** Only a failed or cancelled job runs again; a queued, running or succeeded one is left as it is. */
public class JobNotRetryableException extends ProblemException {

    public JobNotRetryableException(UUID id, JobStatus status) {
        super(409, "job-not-retryable", "Job cannot be retried",
                "Job " + id + " is " + status.wireName() + "; only a failed or cancelled job can be retried");
    }
}
