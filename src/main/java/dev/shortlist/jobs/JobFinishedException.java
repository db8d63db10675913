package dev.shortlist.jobs;

import java.util.UUID;

/** The job already ended, so it can no longer be cancelled. */
public class JobFinishedException extends RuntimeException {

    public JobFinishedException(UUID id, JobStatus status) {
        super("Job " + id + " already ended (" + status.wireName() + ")");
    }
}
