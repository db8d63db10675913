package dev.shortlist.platform.quota;

import dev.shortlist.platform.redis.LuaScript;
import dev.shortlist.platform.redis.RedisGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where every request limit and hourly quota is counted: a token bucket and any number of
 * fixed-window counters, taken together in one Lua script (one Redis round trip), all or
 * none. While Redis is unavailable each replica keeps the same buckets and counters in its
 * own memory: a caller spread over N replicas may then get up to N times the limit, never
 * unlimited, and nobody is refused for Redis' sake.
 */
@ApplicationScoped
class LimitCounters {

    /**
     * KEYS[1]: the token bucket ('' for none); KEYS[2..]: fixed-window counters.
     * ARGV: bucket capacity, bucket refill window in ms, cost (0 only looks, and writes
     * nothing), then for each counter its limit and the ms to keep it.
     * Returns {allowed 0|1, whole tokens left, ms until full, ms until one token, each counter's count}:
     * the counts after the take when allowed, before it when refused.
     */
    private static final LuaScript TAKE = LuaScript.of("""
            local cost = tonumber(ARGV[3])
            local needed = math.max(cost, 1)
            local allowed = 1
            local bucket = KEYS[1] ~= ''
            local capacity, rate, tokens, now = 0, 0, 0, 0
            if bucket then
                capacity = tonumber(ARGV[1])
                rate = capacity / tonumber(ARGV[2])
                local time = redis.call('TIME')
                now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
                local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
                local at = tonumber(state[2]) or now
                tokens = math.min(capacity, (tonumber(state[1]) or capacity) + math.max(0, now - at) * rate)
                if tokens < needed then allowed = 0 end
            end
            local counts = {}
            for i = 2, #KEYS do
                counts[i - 1] = tonumber(redis.call('GET', KEYS[i]) or '0')
                if counts[i - 1] + needed > tonumber(ARGV[2 * i]) then allowed = 0 end
            end
            if allowed == 1 and cost > 0 then
                for i = 2, #KEYS do
                    counts[i - 1] = redis.call('INCRBY', KEYS[i], cost)
                    redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[2 * i + 1]))
                end
                if bucket then
                    tokens = tokens - cost
                    redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
                    redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
                end
            end
            local reply = {allowed, 0, 0, 0}
            if bucket then
                local retry = 0
                if tokens < 1 then retry = math.ceil((1 - tokens) / rate) end
                reply = {allowed, math.floor(tokens), math.ceil((capacity - tokens) / rate), retry}
            end
            for i = 1, #counts do reply[4 + i] = counts[i] end
            return reply
            """);
    /** KEYS: counters; ARGV: the cost to give back. A counter whose window has ended (and expired) stays gone. */
    private static final LuaScript GIVE_BACK = LuaScript.of("""
            for _, key in ipairs(KEYS) do
                if redis.call('EXISTS', key) == 1 then redis.call('DECRBY', key, ARGV[1]) end
            end
            return 1
            """);
    /** Buckets refill over a minute. */
    static final Duration REFILL = Duration.ofMinutes(1);
    /** A counter outlives its window a little, so a replica whose clock runs behind still finds it. */
    private static final long KEEP_AFTER_WINDOW_MS = Duration.ofMinutes(5).toMillis();
    /** Buckets and counters kept in memory before stale ones are swept, so a long outage cannot grow them without end. */
    private static final int LOCAL_ENTRIES_KEPT = 10_000;

    /** A token bucket holding {@code limit} requests, refilled over {@link #REFILL}. */
    record Bucket(String key, int limit) {
    }

    /** A count in a fixed window: its key, its limit, and when the window ends (epoch ms). */
    record Counter(String key, int limit, long endsAt) {
    }

    /**
     * What a take found: whether it was allowed, the bucket's answer (null without a
     * bucket), and each counter's count (after the take when allowed, before it when not).
     */
    record Counted(boolean allowed, Allowance bucket, long[] counts) {
    }

    private final RedisGuard redis;
    private final Clock clock;
    private final Map<String, LocalBucket> localBuckets = new ConcurrentHashMap<>();
    private final Map<String, LocalCount> localCounts = new ConcurrentHashMap<>();

    LimitCounters(RedisGuard redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** Takes {@code cost} from the bucket (if any) and from every counter, or from none; cost 0 only looks. */
    Uni<Counted> take(Bucket bucket, List<Counter> counters, int cost) {
        List<String> keys = new ArrayList<>(counters.size() + 1);
        keys.add(bucket == null ? "" : bucket.key());
        counters.forEach(counter -> keys.add(counter.key()));
        List<String> args = new ArrayList<>(3 + 2 * counters.size());
        args.add(String.valueOf(bucket == null ? 0 : bucket.limit()));
        args.add(String.valueOf(REFILL.toMillis()));
        args.add(String.valueOf(cost));
        long now = clock.millis();
        counters.forEach(counter -> {
            args.add(String.valueOf(counter.limit()));
            args.add(String.valueOf(Math.max(1, counter.endsAt() - now) + KEEP_AFTER_WINDOW_MS));
        });
        return redis.eval("rate limits", TAKE, keys, args, reply -> counted(reply, bucket, counters),
                () -> takeLocally(bucket, counters, cost));
    }

    /** The counters' counts now, in one round trip. */
    Uni<List<Long>> read(List<Counter> counters) {
        if (counters.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return redis.call("rate limits", ds -> ds.execute("MGET", counters.stream().map(Counter::key).toArray(String[]::new))
                .map(reply -> {
                    List<Long> counts = new ArrayList<>();
                    reply.forEach(value -> counts.add(value == null ? 0L : value.toLong()));
                    return counts;
                }), () -> counters.stream().map(counter -> localCount(counter.key(), clock.millis())).toList());
    }

    /** Gives {@code cost} back to every counter: a take for something that then did not happen. */
    Uni<Void> giveBack(List<Counter> counters, int cost) {
        return redis.eval("rate limits", GIVE_BACK, counters.stream().map(Counter::key).toList(), List.of(String.valueOf(cost)),
                reply -> (Void) null,
                () -> {
                    counters.forEach(counter -> localCounts.computeIfPresent(counter.key(),
                            (key, count) -> new LocalCount(Math.max(0, count.count() - cost), count.endsAt())));
                    return null;
                });
    }

    private static Counted counted(Response reply, Bucket bucket, List<Counter> counters) {
        long[] counts = new long[counters.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = reply.get(4 + i).toLong();
        }
        boolean allowed = reply.get(0).toInteger() == 1;
        Allowance bucketAnswer = bucket == null ? null
                : new Allowance(allowed || reply.get(1).toInteger() >= 1, bucket.limit(), reply.get(1).toInteger(),
                        Duration.ofMillis(reply.get(2).toLong()), Duration.ofMillis(reply.get(3).toLong()));
        return new Counted(allowed, bucketAnswer, counts);
    }

    private synchronized Counted takeLocally(Bucket bucket, List<Counter> counters, int cost) {
        long now = clock.millis();
        if (localBuckets.size() + localCounts.size() > LOCAL_ENTRIES_KEPT) {
            // A bucket untouched for a whole refill is full again, and an ended window counts nothing: forgetting them changes nothing.
            localBuckets.values().removeIf(state -> state.idleSince(now) > REFILL.toMillis());
            localCounts.values().removeIf(count -> count.endsAt() <= now);
        }
        int needed = Math.max(cost, 1);
        long[] counts = new long[counters.size()];
        boolean fits = true;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = localCount(counters.get(i).key(), now);
            fits &= counts[i] + needed <= counters.get(i).limit();
        }
        Allowance bucketAnswer = bucket == null ? null
                : localBuckets.computeIfAbsent(bucket.key(), key -> new LocalBucket(bucket.limit(), now))
                        .take(bucket.limit(), fits ? cost : 0, now);
        boolean allowed = fits && (bucketAnswer == null || bucketAnswer.allowed());
        if (allowed && cost > 0) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += cost;
                localCounts.put(counters.get(i).key(), new LocalCount(counts[i], counters.get(i).endsAt()));
            }
        }
        return new Counted(allowed, bucketAnswer, counts);
    }

    private long localCount(String key, long now) {
        LocalCount count = localCounts.get(key);
        return count == null || count.endsAt() <= now ? 0 : count.count();
    }

    private record LocalCount(long count, long endsAt) {
    }

    /** A token bucket in this replica's memory, refilled as the Lua script refills it. */
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
            double rate = (double) limit / REFILL.toMillis();
            tokens = Math.min(limit, tokens + Math.max(0, now - at) * rate);
            at = now;
            boolean allowed = tokens >= Math.max(cost, 1);
            if (allowed) {
                tokens -= cost;
            }
            long retry = tokens < 1 ? (long) Math.ceil((1 - tokens) / rate) : 0;
            return new Allowance(allowed, limit, (int) Math.floor(tokens), Duration.ofMillis((long) Math.ceil((limit - tokens) / rate)),
                    Duration.ofMillis(retry));
        }
    }
}
