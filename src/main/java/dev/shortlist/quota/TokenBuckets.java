package dev.shortlist.quota;

import dev.shortlist.redis.RedisGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets shared by every replica: a bucket holds {@code limit} requests and refills
 * continuously over a minute, so a caller may burst up to the limit and then goes at the
 * refill rate. One Lua script refills and takes atomically, on Redis' own clock. While
 * Redis is unavailable each replica keeps its own buckets with the same limits: a caller
 * spread over N replicas may then get up to N times the limit, never unlimited, and
 * nobody is refused for Redis' sake.
 */
@ApplicationScoped
public class TokenBuckets {

    /**
     * KEYS: the bucket. ARGV: capacity, refill window in ms, cost (0 only looks, and writes
     * nothing: every API request looks at its address's failure bucket, and most addresses have none).
     * Returns {allowed 0|1, whole tokens left, ms until full, ms until one token}.
     */
    private static final String TAKE = """
            local capacity = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            local cost = tonumber(ARGV[3])
            local rate = capacity / window
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1]) or capacity
            local at = tonumber(state[2]) or now
            tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
            local allowed = 0
            if tokens >= cost and (cost > 0 or tokens >= 1) then
                tokens = tokens - cost
                allowed = 1
            end
            if cost > 0 then
                redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
                redis.call('PEXPIRE', KEYS[1], window * 2)
            end
            local retry = 0
            if tokens < 1 then retry = math.ceil((1 - tokens) / rate) end
            return {allowed, math.floor(tokens), math.ceil((capacity - tokens) / rate), retry}
            """;
    private static final Duration WINDOW = Duration.ofMinutes(1);
    /** Buckets kept in memory before idle ones are swept, so a long Redis outage cannot grow the map without end. */
    private static final int LOCAL_BUCKETS_KEPT = 10_000;

    private final RedisGuard redis;
    private final Clock clock;
    private final Map<String, LocalBucket> local = new ConcurrentHashMap<>();

    TokenBuckets(RedisGuard redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** Takes one request from the bucket named {@code bucket} holding {@code limit} per minute. */
    public Uni<Allowance> take(String bucket, int limit) {
        return run(bucket, limit, 1);
    }

    /** The bucket's state without taking from it: allowed when a request would be. */
    public Uni<Allowance> peek(String bucket, int limit) {
        return run(bucket, limit, 0);
    }

    private Uni<Allowance> run(String bucket, int limit, int cost) {
        String key = "shortlist:bucket:" + bucket;
        return redis.call("rate limits",
                ds -> ds.execute("EVAL", TAKE, "1", key, String.valueOf(limit), String.valueOf(WINDOW.toMillis()), String.valueOf(cost))
                        .map(reply -> allowance(reply, limit)),
                () -> takeLocally(key, limit, cost));
    }

    private static Allowance allowance(Response reply, int limit) {
        return new Allowance(reply.get(0).toInteger() == 1, limit, reply.get(1).toInteger(),
                Duration.ofMillis(reply.get(2).toLong()), Duration.ofMillis(reply.get(3).toLong()));
    }

    private Allowance takeLocally(String key, int limit, int cost) {
        long now = clock.millis();
        if (local.size() > LOCAL_BUCKETS_KEPT) {
            // A bucket untouched for a whole window is full again: forgetting it changes nothing.
            local.values().removeIf(bucket -> bucket.idleSince(now) > WINDOW.toMillis());
        }
        return local.computeIfAbsent(key, k -> new LocalBucket(limit, now)).take(limit, cost, now);
    }

    /** The same bucket in this replica's memory. */
    private static final class LocalBucket {

        private double tokens;
        private long at;

        LocalBucket(int limit, long now) {
            this.tokens = limit;
            this.at = now;
        }

        synchronized long idleSince(long now) {
            return now - at;
        }

        synchronized Allowance take(int limit, int cost, long now) {
            double rate = (double) limit / WINDOW.toMillis();
            tokens = Math.min(limit, tokens + Math.max(0, now - at) * rate);
            at = now;
            boolean allowed = tokens >= cost && (cost > 0 || tokens >= 1);
            if (allowed) {
                tokens -= cost;
            }
            long retry = tokens < 1 ? (long) Math.ceil((1 - tokens) / rate) : 0;
            return new Allowance(allowed, limit, (int) Math.floor(tokens), Duration.ofMillis((long) Math.ceil((limit - tokens) / rate)),
                    Duration.ofMillis(retry));
        }
    }
}
