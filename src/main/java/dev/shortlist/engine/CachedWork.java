package dev.shortlist.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.cache.CacheKey;
import dev.shortlist.cache.CachedResult;
import dev.shortlist.cache.ResultCache;
import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.LlmUsage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * Runs a job's work at most once for identical input, across replicas: a cached result is
 * used as is; otherwise the first job to mark the work in flight does it and caches the
 * result, and identical jobs wait in the queue for that result instead of calling the model again.
 */
@ApplicationScoped
class CachedWork {

    private final ResultCache cache;
    private final Clock clock;

    CachedWork(ResultCache cache, Clock clock) {
        this.cache = cache;
        this.clock = clock;
    }

    Uni<HandlerResult> run(Job job, CacheKey key, Uni<HandlerResult> work) {
        return cache.find(key).flatMap(hit -> hit.isPresent()
                ? Uni.createFrom().item(fromCache(hit.get()))
                : doOnce(job, key, work));
    }

    private Uni<HandlerResult> doOnce(Job job, CacheKey key, Uni<HandlerResult> work) {
        String holder = job.id().toString();
        return cache.claimInFlight(key, holder).flatMap(claimed -> {
            if (!claimed) {
                return Uni.createFrom().failure(
                        new JobDeferred(clock.instant().plus(cache.inFlightRecheck()), JobDeferred.IDENTICAL_WORK,
                                "identical work in flight"));
            }
            return work
                    .call(result -> ResultCacheKeys.cacheable(result.usage().engine())
                            ? cache.store(storedUnder(key, result.usage()),
                                    new CachedResult(result.result(), result.usage().engine(), result.usage().model()))
                            : Uni.createFrom().voidItem())
                    .eventually(() -> cache.releaseInFlight(key, holder));
        });
    }

    /** Under the engine and model that really answered: an answer never poses as another model's. */
    private static CacheKey storedUnder(CacheKey key, LlmUsage usage) {
        return new CacheKey(key.jobType(), usage.engine(), usage.model(), key.promptVersion(), key.inputHash());
    }

    private static HandlerResult fromCache(CachedResult hit) {
        return new HandlerResult((ObjectNode) hit.result(), LlmUsage.none(hit.engine(), hit.model()));
    }
}
