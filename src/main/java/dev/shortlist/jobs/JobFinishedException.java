package dev.shortlist.jobs;

import dev.shortlist.platform.problem.ProblemException;
import java.util.UUID;

/** The job already ended, so it can no longer be cancelled. */
public class JobFinishedException extends ProblemException {

    public JobFinishedException(UUID id, JobStatus status) {
        super(409, "job-finished", "Job already ended", "Job " + id + " already ended (" + status.wireName() + ")");
    }
}
