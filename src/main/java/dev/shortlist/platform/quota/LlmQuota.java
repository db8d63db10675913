package dev.shortlist.platform.quota;

import dev.shortlist.platform.redis.LuaScript;
import dev.shortlist.platform.redis.RedisGuard;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The LLM quota, taken before every HTTP call to the model (retries and repairs included)
 * and settled after it with the tokens and cost the call really used. Requests per minute
 * are counted in a rolling window (a sorted set of call times), so the provider never sees
 * more than the limit in any minute; tokens per minute (global and per key) in fixed
 * minutes; requests per day and each key's cost per day in UTC days. One Lua script takes
 * a call from every limit at once or from none, so replicas never overspend together.
 * While Redis is unavailable each replica counts in memory against the same limits (so N
 * replicas may spend up to N times the quota).
 */
@ApplicationScoped
public class LlmQuota {

    /**
     * KEYS: call log (sorted set), tokens this minute, requests today, the key's tokens this
     * minute, the key's usage today (hash).
     * ARGV: requests per minute, tokens per minute, requests per day, key tokens per minute,
     * key micro-USD per day (each -1 = none), tokens asked, now ms, rolling window ms, ms left in
     * the minute, ms left in the day, a unique member for the call log.
     * Returns {0, ''} when taken, else {ms to wait, exhausted limit}. A request bigger than a
     * whole token limit still passes in an empty minute, or it could never run.
     */
    private static final LuaScript TAKE = LuaScript.of("""
            local asked = tonumber(ARGV[6])
            local now = tonumber(ARGV[7])
            local window = tonumber(ARGV[8])
            local today = tonumber(redis.call('GET', KEYS[3]) or '0')
            if tonumber(ARGV[3]) >= 0 and today + 1 > tonumber(ARGV[3]) then return {tonumber(ARGV[10]), 'requests-per-day'} end
            local spent = tonumber(redis.call('HGET', KEYS[5], 'costMicros') or '0')
            if tonumber(ARGV[5]) >= 0 and spent >= tonumber(ARGV[5]) then return {tonumber(ARGV[10]), 'cost-per-key-per-day'} end
            if tonumber(ARGV[1]) >= 0 then
                redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
                if redis.call('ZCARD', KEYS[1]) + 1 > tonumber(ARGV[1]) then
                    local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
                    return {math.max(1, tonumber(oldest[2]) + window - now), 'requests-per-minute'}
                end
            end
            local tokens = tonumber(redis.call('GET', KEYS[2]) or '0')
            if tonumber(ARGV[2]) >= 0 and tokens > 0 and tokens + asked > tonumber(ARGV[2]) then
                return {tonumber(ARGV[9]), 'tokens-per-minute'}
            end
            local keyTokens = tonumber(redis.call('GET', KEYS[4]) or '0')
            if tonumber(ARGV[4]) >= 0 and keyTokens > 0 and keyTokens + asked > tonumber(ARGV[4]) then
                return {tonumber(ARGV[9]), 'tokens-per-minute-per-key'}
            end
            if tonumber(ARGV[1]) >= 0 then
                redis.call('ZADD', KEYS[1], now, ARGV[11])
                redis.call('PEXPIRE', KEYS[1], window + 1000)
            end
            redis.call('INCRBY', KEYS[2], asked)
            redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[9]) + 60000)
            redis.call('INCRBY', KEYS[4], asked)
            redis.call('PEXPIRE', KEYS[4], tonumber(ARGV[9]) + 60000)
            redis.call('INCR', KEYS[3])
            redis.call('PEXPIRE', KEYS[3], tonumber(ARGV[10]) + 60000)
            return {0, ''}
            """);

    /**
     * KEYS: tokens of the granted minute, the key's tokens of that minute, the key's usage today.
     * ARGV: token correction (actual - estimated), tokens in, tokens out, micro-USD, ms the day key lives.
     */
    private static final LuaScript SETTLE = LuaScript.of("""
            if tonumber(ARGV[1]) ~= 0 and redis.call('EXISTS', KEYS[1]) == 1 then redis.call('INCRBY', KEYS[1], ARGV[1]) end
            if tonumber(ARGV[1]) ~= 0 and redis.call('EXISTS', KEYS[2]) == 1 then redis.call('INCRBY', KEYS[2], ARGV[1]) end
            redis.call('HINCRBY', KEYS[3], 'calls', 1)
            redis.call('HINCRBY', KEYS[3], 'tokensIn', ARGV[2])
            redis.call('HINCRBY', KEYS[3], 'tokensOut', ARGV[3])
            redis.call('HINCRBY', KEYS[3], 'costMicros', ARGV[4])
            redis.call('PEXPIRE', KEYS[3], tonumber(ARGV[5]))
            return 1
            """);
    private static final long DAY_MS = Duration.ofDays(1).toMillis();
    private static final BigDecimal MICROS = BigDecimal.valueOf(1_000_000);

    private final RedisGuard redis;
    private final LlmQuotaConfig config;
    private final Clock clock;
    /** Degraded mode: this replica's own counts by window key, and its own call log. */
    private final Map<String, Long> local = new HashMap<>();
    private final Deque<Long> localCalls = new ArrayDeque<>();

    LlmQuota(RedisGuard redis, LlmQuotaConfig config, Clock clock) {
        this.redis = redis;
        this.config = config;
        this.clock = clock;
    }

    /** Whether any limit is set; without one no call waits for counting. */
    public boolean limited() {
        return config.requestsPerMinute().isPresent() || config.tokensPerMinute().isPresent()
                || config.requestsPerDay().isPresent() || config.tokensPerMinutePerKey().isPresent()
                || config.costPerKeyPerDay().isPresent();
    }

    /** Takes one HTTP call and {@code tokens} estimated tokens for the key {@code owner}, or says how long to wait. */
    public Uni<QuotaGrant> take(String owner, long tokens) {
        if (!limited()) {
            return Uni.createFrom().item(QuotaGrant.granted(-1));
        }
        Windows windows = windows(owner);
        return redis.eval("the LLM quota", TAKE,
                        List.of(Windows.CALLS, windows.tokensKey(), windows.dayKey(), windows.keyTokensKey(), windows.usageKey()),
                        List.of(limit(config.requestsPerMinute().map(Integer::longValue).orElse(null)),
                        limit(config.tokensPerMinute().orElse(null)),
                        limit(config.requestsPerDay().map(Integer::longValue).orElse(null)),
                        limit(config.tokensPerMinutePerKey().orElse(null)),
                        limit(config.costPerKeyPerDay().map(LlmQuota::micros).orElse(null)),
                        String.valueOf(tokens), String.valueOf(windows.now()), String.valueOf(rollingWindowMs()),
                        String.valueOf(windows.msLeftInMinute()), String.valueOf(windows.msLeftInDay()),
                        UUID.randomUUID().toString()),
                reply -> grant(reply, windows),
                () -> takeLocally(windows, tokens));
    }

    /**
     * Records one answered call for the key: its real tokens and cost count towards the key's
     * usage today, and the minute's token counts are corrected (the take was an estimate).
     */
    public Uni<Void> settle(String owner, QuotaGrant grant, long estimated, int tokensIn, int tokensOut, BigDecimal costUsd) {
        long correction = grant.granted() && grant.minuteWindow() >= 0 ? tokensIn + tokensOut - estimated : 0;
        Windows windows = windows(owner);
        String minuteTokens = Windows.tokensKey(grant.minuteWindow());
        String keyMinuteTokens = windows.keyTokensKey(grant.minuteWindow());
        long micros = micros(costUsd);
        return redis.eval("the LLM quota", SETTLE, List.of(minuteTokens, keyMinuteTokens, windows.usageKey()),
                List.of(String.valueOf(correction), String.valueOf(tokensIn), String.valueOf(tokensOut),
                        String.valueOf(micros), String.valueOf(windows.msLeftInDay() + DAY_MS)),
                reply -> (Void) null,
                () -> {
                    settleLocally(windows, minuteTokens, keyMinuteTokens, correction, tokensIn, tokensOut, micros);
                    return null;
                });
    }

    /** The key's calls, tokens and cost today (UTC). */
    public Uni<KeyLlmUsage> usageToday(String owner) {
        Windows windows = windows(owner);
        return redis.call("the LLM usage", ds -> ds.execute("HMGET", windows.usageKey(), "calls", "tokensIn", "tokensOut",
                        "costMicros")
                .map(reply -> {
                    Map<String, Long> fields = new HashMap<>();
                    String[] names = {"calls", "tokensIn", "tokensOut", "costMicros"};
                    for (int i = 0; reply != null && i < names.length && i < reply.size(); i++) {
                        if (reply.get(i) != null) {
                            fields.put(names[i], reply.get(i).toLong());
                        }
                    }
                    return usage(fields::get);
                }), () -> localUsage(windows));
    }

    private static KeyLlmUsage usage(java.util.function.Function<String, Long> field) {
        return new KeyLlmUsage(orZero(field.apply("calls")), orZero(field.apply("tokensIn")), orZero(field.apply("tokensOut")),
                BigDecimal.valueOf(orZero(field.apply("costMicros"))).divide(MICROS, 6, RoundingMode.UNNECESSARY));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    /** What the current windows have spent, for the admin status; counts are null while Redis cannot say. */
    public record Usage(Optional<Integer> requestsPerMinute, Optional<Long> tokensPerMinute, Optional<Integer> requestsPerDay,
            Long requestsThisMinute, Long tokensThisMinute, Long requestsToday) {
    }

    /** Reads the current windows' counts without taking anything. */
    public Uni<Usage> usage() {
        Windows windows = windows("");
        if (!limited() || !redis.usable()) {
            Long none = limited() ? null : 0L;
            return Uni.createFrom().item(new Usage(config.requestsPerMinute(), config.tokensPerMinute(), config.requestsPerDay(),
                    none, none, none));
        }
        return redis.call("the LLM quota", ds -> Uni.combine().all()
                .unis(ds.execute("ZCOUNT", Windows.CALLS, String.valueOf(windows.now() - rollingWindowMs()), "+inf"),
                        ds.execute("MGET", windows.tokensKey(), windows.dayKey())).asTuple()
                .map(replies -> new Usage(config.requestsPerMinute(), config.tokensPerMinute(), config.requestsPerDay(),
                        count(replies.getItem1()), count(replies.getItem2().get(0)), count(replies.getItem2().get(1)))),
                () -> new Usage(config.requestsPerMinute(), config.tokensPerMinute(), config.requestsPerDay(), null, null, null));
    }

    private static long count(Response value) {
        return value == null ? 0 : value.toLong();
    }

    private QuotaGrant grant(Response reply, Windows windows) {
        long waitMs = reply.get(0).toLong();
        if (waitMs == 0) {
            return QuotaGrant.granted(windows.minute());
        }
        return QuotaGrant.denied(Duration.ofMillis(waitMs), reply.get(1).toString());
    }

    private QuotaGrant takeLocally(Windows windows, long tokens) {
        synchronized (local) {
            local.keySet().removeIf(key -> !key.endsWith(":" + windows.day()) && !key.endsWith(":" + windows.minute()));
            long today = local.getOrDefault(windows.dayKey(), 0L);
            if (config.requestsPerDay().isPresent() && today + 1 > config.requestsPerDay().get()) {
                return QuotaGrant.denied(Duration.ofMillis(windows.msLeftInDay()), "requests-per-day");
            }
            if (config.costPerKeyPerDay().isPresent()
                    && local.getOrDefault(windows.usageKey() + ":costMicros", 0L) >= micros(config.costPerKeyPerDay().get())) {
                return QuotaGrant.denied(Duration.ofMillis(windows.msLeftInDay()), "cost-per-key-per-day");
            }
            long window = rollingWindowMs();
            while (!localCalls.isEmpty() && localCalls.peekFirst() <= windows.now() - window) {
                localCalls.pollFirst();
            }
            if (config.requestsPerMinute().isPresent() && localCalls.size() + 1 > config.requestsPerMinute().get()) {
                return QuotaGrant.denied(Duration.ofMillis(Math.max(1, localCalls.peekFirst() + window - windows.now())),
                        "requests-per-minute");
            }
            long used = local.getOrDefault(windows.tokensKey(), 0L);
            if (config.tokensPerMinute().isPresent() && used > 0 && used + tokens > config.tokensPerMinute().get()) {
                return QuotaGrant.denied(Duration.ofMillis(windows.msLeftInMinute()), "tokens-per-minute");
            }
            long keyUsed = local.getOrDefault(windows.keyTokensKey(), 0L);
            if (config.tokensPerMinutePerKey().isPresent() && keyUsed > 0 && keyUsed + tokens > config.tokensPerMinutePerKey().get()) {
                return QuotaGrant.denied(Duration.ofMillis(windows.msLeftInMinute()), "tokens-per-minute-per-key");
            }
            if (config.requestsPerMinute().isPresent()) {
                localCalls.addLast(windows.now());
            }
            local.merge(windows.tokensKey(), tokens, Long::sum);
            local.merge(windows.keyTokensKey(), tokens, Long::sum);
            local.merge(windows.dayKey(), 1L, Long::sum);
            return QuotaGrant.granted(windows.minute());
        }
    }

    private void settleLocally(Windows windows, String minuteTokens, String keyMinuteTokens, long correction,
            int tokensIn, int tokensOut, long micros) {
        synchronized (local) {
            if (correction != 0) {
                local.computeIfPresent(minuteTokens, (key, used) -> used + correction);
                local.computeIfPresent(keyMinuteTokens, (key, used) -> used + correction);
            }
            local.merge(windows.usageKey() + ":calls", 1L, Long::sum);
            local.merge(windows.usageKey() + ":tokensIn", (long) tokensIn, Long::sum);
            local.merge(windows.usageKey() + ":tokensOut", (long) tokensOut, Long::sum);
            local.merge(windows.usageKey() + ":costMicros", micros, Long::sum);
        }
    }

    private KeyLlmUsage localUsage(Windows windows) {
        synchronized (local) {
            return usage(field -> local.get(windows.usageKey() + ":" + field));
        }
    }

    private long rollingWindowMs() {
        return config.minute().toMillis() + config.windowMargin().toMillis();
    }

    private static String limit(Long value) {
        return String.valueOf(value == null ? -1 : value);
    }

    private static long micros(BigDecimal usd) {
        return usd.multiply(MICROS).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private Windows windows(String owner) {
        long now = clock.millis();
        long minuteMs = config.minute().toMillis();
        return new Windows(owner, now, now / minuteMs, now / DAY_MS, minuteMs - now % minuteMs, DAY_MS - now % DAY_MS);
    }

    /** The current fixed windows for one key, and the time left in each. */
    private record Windows(String owner, long now, long minute, long day, long msLeftInMinute, long msLeftInDay) {

        static final String CALLS = "shortlist:llm-quota:calls";

        String tokensKey() {
            return tokensKey(minute);
        }

        static String tokensKey(long minute) {
            return "shortlist:llm-quota:tokens:" + minute;
        }

        String keyTokensKey() {
            return keyTokensKey(minute);
        }

        String keyTokensKey(long minute) {
            return "shortlist:llm-quota:key-tokens:" + owner + ":" + minute;
        }

        String dayKey() {
            return "shortlist:llm-quota:day:" + day;
        }

        String usageKey() {
            return "shortlist:llm-usage:" + owner + ":" + day;
        }
    }
}
