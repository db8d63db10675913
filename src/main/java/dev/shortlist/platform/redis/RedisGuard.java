package dev.shortlist.platform.redis;

import dev.shortlist.platform.cpu.OnCaller;
import dev.shortlist.platform.cpu.WorkLane;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way to Redis. Redis holds only what can be rebuilt (buckets, counts, cached
 * results), so its absence must never fail a request or a job: every operation runs with
 * one timeout, and on a failure its caller's in-memory alternative answers instead. After a
 * failure all callers go around Redis for a pause (one health state, which readiness
 * reports as degraded), so an outage costs one timeout per pause rather than one per call.
 *
 * <p>The pipeline's calls (a running job's quota, cache and in-flight marks) go over
 * connections of their own (the {@code pipeline} client, sized by
 * {@code shortlist.pipeline.concurrency}), so a backlog being worked never queues a
 * request's call behind thousands of its own ({@link WorkLane}).
 */
@ApplicationScoped
public class RedisGuard {

    /** The Redis client the pipeline's work uses; requests use the default one. */
    public static final String PIPELINE_CLIENT = "pipeline";

    private final ReactiveRedisDataSource redis;
    private final ReactiveRedisDataSource pipeline;
    private final RedisGuardConfig config;
    private final MeterRegistry registry;
    private final Clock clock;
    private final AtomicReference<Instant> bypassUntil = new AtomicReference<>(Instant.MIN);
    private volatile String lastFailure;

    public RedisGuard(ReactiveRedisDataSource redis, @RedisClientName(PIPELINE_CLIENT) ReactiveRedisDataSource pipeline,
            RedisGuardConfig config, Clock clock, MeterRegistry registry) {
        this.registry = registry;
        this.redis = redis;
        this.pipeline = pipeline;
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
     * Runs {@code script} with its keys and arguments, as {@link #call} runs an operation.
     * It is sent by digest; a Redis that does not know it yet (started afresh, or its
     * scripts flushed) is sent the text once, which also keeps it for the next call.
     */
    public <T> Uni<T> eval(String purpose, LuaScript script, List<String> keys, List<String> args, Function<Response, T> reply,
            Supplier<T> fallback) {
        return call(purpose, ds -> ds.execute("EVALSHA", command(script.sha(), keys, args))
                .onFailure(RedisGuard::unknownScript).recoverWithUni(() -> ds.execute("EVAL", command(script.text(), keys, args)))
                .map(reply), fallback);
    }

    private static String[] command(String script, List<String> keys, List<String> args) {
        List<String> command = new ArrayList<>(2 + keys.size() + args.size());
        command.add(script);
        command.add(String.valueOf(keys.size()));
        command.addAll(keys);
        command.addAll(args);
        return command.toArray(String[]::new);
    }

    private static boolean unknownScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }

    /**
     * Like {@link #call}, but tries Redis even during the pause after a failure: for the one
     * caller whose job is to find out whether Redis is back (readiness).
     */
    public <T> Uni<T> probe(String purpose, Function<ReactiveRedisDataSource, Uni<T>> operation, Supplier<T> fallback) {
        WorkLane lane = WorkLane.current();
        registry.counter("shortlist_redis_calls", "lane", lane.tag(), "purpose", purpose).increment();
        ReactiveRedisDataSource client = lane == WorkLane.PIPELINE ? pipeline : redis;
        // The reply arrives on the connection's event loop; the caller goes on on its own.
        return OnCaller.backOn(Vertx.currentContext(), Uni.createFrom().deferred(() -> operation.apply(client)))
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

    /** Redis answered: a pause under way ends, as readiness promises every user learns it is back. */
    private void succeeded() {
        lastFailure = null;
        if (bypassUntil.get() != Instant.MIN) {
            bypassUntil.set(Instant.MIN);
        }
    }
}
