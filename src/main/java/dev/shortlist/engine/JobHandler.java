package dev.shortlist.engine;

import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobType;
import io.smallrye.mutiny.Uni;

/** Does the work of one job type: builds the request, calls the engine, validates the output. */
public interface JobHandler {

    JobType type();

    /** Fails with {@link JobFailure} when the job cannot be done; never blocks the caller. */
    Uni<HandlerResult> handle(Job job);
}
