package dev.shortlist.engine;

import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobProgress;
import dev.shortlist.jobs.JobType;
import io.smallrye.mutiny.Uni;
import java.util.Optional;

/** Does the work of one job type: builds the request, calls the engine, validates the output. */
public interface JobHandler {

    JobType type();

    /**
     * Fails with {@link JobFailure} when the job cannot be done; never blocks the caller. Tells
     * {@code progress} each stage it reaches.
     */
    Uni<HandlerResult> handle(Job job, JobProgress progress);

    /**
     * The version of the prompt and output schema this handler's results follow, part of
     * the cache key. Empty (the default) when its results are not cached.
     */
    default Optional<String> promptVersion() {
        return Optional.empty();
    }
}
