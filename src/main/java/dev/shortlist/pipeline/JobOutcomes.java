package dev.shortlist.pipeline;

import dev.shortlist.engine.HandlerResult;
import dev.shortlist.engine.JobDeferred;
import dev.shortlist.engine.JobFailure;
import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobError;
import dev.shortlist.jobs.LeaseWrites;
import dev.shortlist.jobs.JobMetrics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;

/**
 * Stores what became of one attempt: the result, a retry for later, or the failure.
 * Every write is guarded by the lease; losing means the job was cancelled or rescued
 * meanwhile, which is benign, and is how a job that ran twice completes once.
 */
@ApplicationScoped
class JobOutcomes {

    private final LeaseWrites writes;
    private final Completions completions;
    private final RetryPolicy retryPolicy;
    private final JobMetrics metrics;
    private final Clock clock;

    JobOutcomes(LeaseWrites writes, Completions completions, RetryPolicy retryPolicy, JobMetrics metrics, Clock clock) {
        this.writes = writes;
        this.completions = completions;
        this.retryPolicy = retryPolicy;
        this.metrics = metrics;
        this.clock = clock;
    }

    Uni<Void> succeeded(Job job, String instanceId, HandlerResult result, Duration processing) {
        return completions.succeed(instanceId, new LeaseWrites.Success(job.id(), job.attempts(), result.result(), result.usage()))
                .invoke(won -> {
                    if (won) {
                        ended(job, "succeeded", processing);
                    } else {
                        Log.debugf("Job %s was cancelled or rescued while running; its result is dropped", job.id());
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Retryable failures go back to the queue until the last attempt; the others fail the job
     * at once. A job that only has to wait (quota, identical work in flight) goes back without spending an attempt.
     */
    Uni<Void> failed(Job job, String instanceId, Throwable failure, Duration processing) {
        if (failure instanceof JobDeferred deferred) {
            Log.debugf("Job %s waits: %s", job.id(), deferred.getMessage());
            return writes.defer(job.id(), instanceId, job.attempts(), deferred.runAfter(), deferred.waitingFor()).replaceWithVoid();
        }
        JobError error = failure instanceof JobFailure jobFailure
                ? jobFailure.error()
                : new JobError("internal_error", "the job could not be processed", true);
        if (!(failure instanceof JobFailure) || failure.getCause() != null) {
            Log.warnf(failure, "Job %s attempt %d failed: %s", job.id(), job.attempts(), error.code());
        }
        if (error.retryable() && !job.isLastAttempt()) {
            return writes.requeue(job.id(), instanceId, job.attempts(), error, retryPolicy.nextRunAfter(job.attempts()))
                    .invoke(won -> {
                        if (won) {
                            metrics.retried(job.type().wireName(), error.code());
                        }
                    })
                    .replaceWithVoid();
        }
        return writes.fail(job.id(), instanceId, job.attempts(), error)
                .invoke(won -> {
                    if (won) {
                        ended(job, "failed", processing);
                    }
                })
                .replaceWithVoid();
    }

    private void ended(Job job, String outcome, Duration processing) {
        metrics.completed(job.type().wireName(), outcome, processing);
        metrics.latency(job.type().wireName(), outcome, Duration.between(job.createdAt(), clock.instant()));
    }
}
