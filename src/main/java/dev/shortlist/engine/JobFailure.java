package dev.shortlist.engine;

import dev.shortlist.jobs.JobError;

/** A job attempt failed for a reason worth telling the caller; {@code retryable} decides what the pipeline does next. */
public class JobFailure extends RuntimeException {

    private final JobError error;

    public JobFailure(JobError error, Throwable cause) {
        super(error.message(), cause);
        this.error = error;
    }

    public JobError error() {
        return error;
    }
}
