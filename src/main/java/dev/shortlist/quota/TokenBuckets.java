package dev.shortlist.quota;

import dev.shortlist.observability.RedisAvailability;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets that refill continuously ({@code capacity} tokens per {@code period}),
 * taken atomically by one Lua script in Redis so every replica shares them. While Redis is
 * unavailable each replica keeps its own buckets in memory with the same capacities.
 */
@ApplicationScoped
class TokenBuckets {

    /**
     * KEYS: the bucket. ARGV: capacity, period in ms, tokens to take (0 = only look).
     * Redis's own clock, so replicas with skewed clocks agree. Returns {allowed (1/0),
     * whole tokens left, ms until a token, ms until full}.
     */
    private static final String TAKE = """
            local capacity = tonumber(ARGV[1])
            local period = tonumber(ARGV[2])
            local cost = tonumber(ARGV[3])
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1]) or capacity
            local at = tonumber(state[2]) or now
            if now > at then
                tokens = math.min(capacity, tokens + (now - at) * capacity / period)
            end
            local allowed = 0
            if tokens >= 1 then
                allowed = 1
                tokens = tokens - cost
            end
            if cost > 0 and allowed == 1 then
                redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
                redis.call('PEXPIRE', KEYS[1], period)
            end
            local untilToken = 0
            if tokens < 1 then untilToken = math.ceil((1 - tokens) * period / capacity) end
            return {allowed, math.floor(tokens), untilToken, math.ceil((capacity - tokens) * period / capacity)}
            """;
    private static final Duration REDIS_WAIT = Duration.ofSeconds(1);
    /** Past this many local buckets, full ones are dropped (they hold nothing a fresh one would not). */
    private static final int LOCAL_SWEEP_AT = 10_000;

    private final ReactiveRedisDataSource redis;
    private final RedisAvailability availability;
    private final Clock clock;
    private final Map<String, LocalBucket> local = new ConcurrentHashMap<>();

    TokenBuckets(ReactiveRedisDataSource redis, RedisAvailability availability, Clock clock) {
        this.redis = redis;
        this.availability = availability;
        this.clock = clock;
    }

    /** Takes one token, if there is one. */
    Uni<Bucket> take(String key, int capacity, Duration period) {
        return apply(key, capacity, period, 1);
    }

    /** Whether a token is there, without taking it. */
    Uni<Bucket> look(String key, int capacity, Duration period) {
        return apply(key, capacity, period, 0);
    }

    private Uni<Bucket> apply(String key, int capacity, Duration period, int cost) {
        int safeCapacity = Math.max(capacity, 1);
        if (!availability.usable()) {
            return Uni.createFrom().item(locally(key, safeCapacity, period, cost));
        }
        return Uni.createFrom().deferred(() -> redis.execute("EVAL", TAKE, "1", "shortlist:bucket:" + key,
                        String.valueOf(safeCapacity), String.valueOf(period.toMillis()), String.valueOf(cost)))
                .ifNoItem().after(REDIS_WAIT).fail()
                .map(TokenBuckets::bucket)
                .invoke(ignored -> availability.succeeded())
                .onFailure().recoverWithItem(failure -> {
                    Log.debugf("Redis unavailable for rate limits, counting on this replica: %s", failure.getMessage());
                    availability.failed(failure);
                    return locally(key, safeCapacity, period, cost);
                });
    }

    private static Bucket bucket(Response reply) {
        return new Bucket(reply.get(0).toLong() == 1, reply.get(1).toLong(),
                Duration.ofMillis(reply.get(2).toLong()), Duration.ofMillis(reply.get(3).toLong()));
    }

    private Bucket locally(String key, int capacity, Duration period, int cost) {
        long now = clock.millis();
        if (local.size() > LOCAL_SWEEP_AT) {
            local.values().removeIf(bucket -> bucket.fullAt(now));
        }
        return local.computeIfAbsent(key, ignored -> new LocalBucket(capacity, now)).take(capacity, period.toMillis(), cost, now);
    }

    /** One replica's bucket, the same arithmetic as the script. */
    private static final class LocalBucket {

        private double tokens;
        private long at;
        private long fullAt;

        LocalBucket(int capacity, long now) {
            this.tokens = capacity;
            this.at = now;
        }

        synchronized Bucket take(int capacity, long periodMs, int cost, long now) {
            if (now > at) {
                tokens = Math.min(capacity, tokens + (double) (now - at) * capacity / periodMs);
                at = now;
            }
            boolean allowed = tokens >= 1;
            if (allowed) {
                tokens -= cost;
            }
            long untilToken = tokens < 1 ? (long) Math.ceil((1 - tokens) * periodMs / capacity) : 0;
            long untilFull = (long) Math.ceil((capacity - tokens) * periodMs / capacity);
            fullAt = now + untilFull;
            return new Bucket(allowed, (long) Math.floor(tokens), Duration.ofMillis(untilToken), Duration.ofMillis(untilFull));
        }

        synchronized boolean fullAt(long now) {
            return now >= fullAt;
        }
    }
}
