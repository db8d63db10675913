package dev.shortlist.engine;

import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobError;
import dev.shortlist.jobs.JobType;
import dev.shortlist.llm.LlmException;
import dev.shortlist.llm.LlmQuotaExhausted;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/**
 * Routes each job to the handler of its type, through the result cache when the type's
 * results are cached, and turns every failure into a {@link JobFailure}, or a
 * {@link JobDeferred} when the job only has to wait.
 */
@ApplicationScoped
public class JobHandlers {

    private final Map<JobType, JobHandler> byType = new EnumMap<>(JobType.class);
    private final ResultCacheKeys cacheKeys;
    private final CachedWork cachedWork;
    private final Clock clock;

    public JobHandlers(Instance<JobHandler> handlers, ResultCacheKeys cacheKeys, CachedWork cachedWork, Clock clock) {
        handlers.forEach(handler -> byType.put(handler.type(), handler));
        this.cacheKeys = cacheKeys;
        this.cachedWork = cachedWork;
        this.clock = clock;
    }

    public Uni<HandlerResult> handle(Job job) {
        JobHandler handler = byType.get(job.type());
        if (handler == null) {
            return Uni.createFrom().failure(new JobFailure(
                    new JobError("unsupported_type", "no handler for " + job.type().wireName() + " jobs", false), null));
        }
        Uni<HandlerResult> work = Uni.createFrom().deferred(() -> handler.handle(job));
        return cacheKeys.forNewJob(job.type().wireName(), job.inputHash())
                .map(key -> cachedWork.run(job, key, work))
                .orElse(work)
                .onFailure(LlmQuotaExhausted.class).transform(failure -> new JobDeferred(
                        clock.instant().plus(((LlmQuotaExhausted) failure).waitFor()), failure.getMessage()))
                .onFailure(failure -> !(failure instanceof JobFailure || failure instanceof JobDeferred))
                .transform(JobHandlers::asJobFailure);
    }

    private static JobFailure asJobFailure(Throwable failure) {
        if (failure instanceof LlmException llm) {
            return new JobFailure(new JobError(llm.code(), llm.getMessage(), llm.retryable()), llm);
        }
        // Unknown failures are retried: a bug fixed by a redeploy should not have failed the job for good.
        return new JobFailure(new JobError("internal_error", "the job could not be processed", true), failure);
    }
}
