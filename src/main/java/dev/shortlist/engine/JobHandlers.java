package dev.shortlist.engine;

import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobError;
import dev.shortlist.jobs.JobProgress;
import dev.shortlist.jobs.JobType;
import dev.shortlist.llm.LlmConfig;
import dev.shortlist.llm.LlmException;
import dev.shortlist.llm.LlmQuotaExhausted;
import dev.shortlist.llm.LlmUnavailableException;
import dev.shortlist.llm.LlmMetrics;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Routes each job to the handler of its type, through the result cache when the type's
 * results are cached, and turns every failure into a {@link JobFailure}, or a
 * {@link JobDeferred} when the job only has to wait: a model that is unavailable (outage,
 * open circuit, retries used up on 429s or 5xx) or out of quota defers the job, with growing
 * jittered waits and no attempt spent, until the job's deadline; only then does it fail.
 */
@ApplicationScoped
public class JobHandlers {

    private final Map<JobType, JobHandler> byType = new EnumMap<>(JobType.class);
    private final ResultCacheKeys cacheKeys;
    private final CachedWork cachedWork;
    private final LlmConfig config;
    private final LlmMetrics metrics;
    private final Clock clock;

    public JobHandlers(Instance<JobHandler> handlers, ResultCacheKeys cacheKeys, CachedWork cachedWork, LlmConfig config,
            LlmMetrics metrics, Clock clock) {
        handlers.forEach(handler -> byType.put(handler.type(), handler));
        this.cacheKeys = cacheKeys;
        this.cachedWork = cachedWork;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Runs the job's attempt; its handler tells {@code progress} each stage it reaches. */
    public Uni<HandlerResult> handle(Job job, JobProgress progress) {
        JobHandler handler = byType.get(job.type());
        if (handler == null) {
            return Uni.createFrom().failure(new JobFailure(
                    new JobError("unsupported_type", "no handler for " + job.type().wireName() + " jobs", false), null));
        }
        Instant deadline = job.createdAt().plus(config.jobDeadline());
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
            return Uni.createFrom().failure(deadlinePassed(job));
        }
        Uni<HandlerResult> work = Uni.createFrom().deferred(() -> handler.handle(job, progress));
        return cacheKeys.forNewJob(job.type().wireName(), job.inputHash(), Outputs.requestedEngine(job))
                .map(key -> cachedWork.run(job, key, work))
                .orElse(work)
                // The deadline bounds the attempt too: a call still in flight then is aborted.
                .ifNoItem().after(left).failWith(() -> deadlinePassed(job))
                .onFailure(LlmQuotaExhausted.class).transform(failure -> deferred(job, deadline, JobDeferred.QUOTA,
                        ((LlmQuotaExhausted) failure).waitFor(), failure.getMessage()))
                .onFailure(LlmUnavailableException.class).transform(failure -> deferred(job, deadline, JobDeferred.MODEL,
                        modelWait(job, (LlmUnavailableException) failure), failure.getMessage()))
                .onFailure(failure -> !(failure instanceof JobFailure || failure instanceof JobDeferred))
                .transform(JobHandlers::asJobFailure);
    }

    private RuntimeException deferred(Job job, Instant deadline, String waitingFor, Duration wait, String why) {
        Instant runAfter = clock.instant().plus(wait);
        if (runAfter.isAfter(deadline)) {
            return deadlinePassed(job);
        }
        metrics.deferred(waitingFor);
        return new JobDeferred(runAfter, waitingFor, why);
    }

    /**
     * Grows with the time the job has already waited (so waits roughly double), between the
     * configured bounds, with jitter so deferred jobs do not return together; never shorter
     * than the provider's {@code Retry-After}.
     */
    Duration modelWait(Job job, LlmUnavailableException failure) {
        Duration waited = job.waitingSince() == null ? Duration.ZERO : Duration.between(job.waitingSince(), clock.instant());
        long ceiling = Math.max(config.waitForModel().initial().toMillis(),
                Math.min(config.waitForModel().max().toMillis(), waited.toMillis()));
        long half = ceiling / 2;
        Duration wait = Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
        return failure.retryAfter().filter(asked -> asked.compareTo(wait) > 0).orElse(wait);
    }

    private JobFailure deadlinePassed(Job job) {
        return new JobFailure(new JobError("deadline_exceeded", "the job did not finish within "
                + config.jobDeadline() + " of its submission (shortlist.llm.job-deadline)", false), null);
    }

    private static JobFailure asJobFailure(Throwable failure) {
        if (failure instanceof LlmException llm) {
            return new JobFailure(new JobError(llm.code(), llm.getMessage(), llm.retryable()), llm);
        }
        // Unknown failures are retried: a bug fixed by a redeploy should not have failed the job for good.
        return new JobFailure(new JobError("internal_error", "the job could not be processed", true), failure);
    }
}
