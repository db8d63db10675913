package dev.shortlist.redis;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way to Redis. Redis holds only what can be rebuilt (buckets, counts, cached
 * results), so its absence must never fail a request or a job: every operation runs with
 * one timeout, and on a failure its caller's in-memory alternative answers instead. After a
 * failure all callers go around Redis for a pause (one health state, which readiness
 * reports as degraded), so an outage costs one timeout per pause rather than one per call.
 */
@ApplicationScoped
public class RedisGuard {

    private final ReactiveRedisDataSource redis;
    private final RedisGuardConfig config;
    private final Clock clock;
    private final AtomicReference<Instant> bypassUntil = new AtomicReference<>(Instant.MIN);
    private volatile String lastFailure;

    public RedisGuard(ReactiveRedisDataSource redis, RedisGuardConfig config, Clock clock) {
        this.redis = redis;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Runs {@code operation} on Redis, or {@code fallback} when Redis is known to be down, is
     * too slow or fails. {@code purpose} names the caller in the log.
     */
    public <T> Uni<T> call(String purpose, Function<ReactiveRedisDataSource, Uni<T>> operation, Supplier<T> fallback) {
        if (!usable()) {
            return Uni.createFrom().item(fallback);
        }
        return probe(purpose, operation, fallback);
    }

    /**
     * Like {@link #call}, but tries Redis even during the pause after a failure: for the one
     * caller whose job is to find out whether Redis is back (readiness).
     */
    public <T> Uni<T> probe(String purpose, Function<ReactiveRedisDataSource, Uni<T>> operation, Supplier<T> fallback) {
        return Uni.createFrom().deferred(() -> operation.apply(redis))
                .ifNoItem().after(config.callTimeout()).fail()
                .invoke(ignored -> succeeded())
                .onFailure().recoverWithItem(failure -> {
                    Log.debugf("Redis unavailable for %s, answering without it: %s", purpose, failure.getMessage());
                    failed(failure);
                    return fallback.get();
                });
    }

    /** False while Redis is known to be failing: callers go straight to their alternative. */
    public boolean usable() {
        return clock.instant().isAfter(bypassUntil.get());
    }

    /** Why Redis was last found failing, or null when the last operation worked. */
    public String lastFailure() {
        return lastFailure;
    }

    private void failed(Throwable failure) {
        lastFailure = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        bypassUntil.set(clock.instant().plus(config.retryAfterFailure()));
    }

    private void succeeded() {
        lastFailure = null;
    }
}
