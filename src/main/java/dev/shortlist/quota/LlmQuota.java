package dev.shortlist.quota;

import dev.shortlist.redis.RedisGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The global LLM quota: requests per minute, tokens per minute and requests per day,
 * counted in Redis in fixed windows and taken all-or-nothing by one Lua script, so
 * replicas never overspend it together. While Redis is unavailable each replica counts
 * in memory against the same limits (so N replicas may spend up to N times the quota).
 */
@ApplicationScoped
public class LlmQuota {

    /**
     * KEYS: requests this minute, tokens this minute, requests today.
     * ARGV: the three limits (-1 = none), the tokens asked for, ms left in the minute, ms left in the day.
     * Returns {0, ''} when taken, else {ms to wait, exhausted limit}. A request bigger than the
     * whole token limit still passes in an empty minute, or it could never run.
     */
    private static final String TAKE = """
            local requests = tonumber(redis.call('GET', KEYS[1]) or '0')
            local tokens = tonumber(redis.call('GET', KEYS[2]) or '0')
            local today = tonumber(redis.call('GET', KEYS[3]) or '0')
            local asked = tonumber(ARGV[4])
            if tonumber(ARGV[3]) >= 0 and today + 1 > tonumber(ARGV[3]) then return {tonumber(ARGV[6]), 'requests-per-day'} end
            if tonumber(ARGV[1]) >= 0 and requests + 1 > tonumber(ARGV[1]) then return {tonumber(ARGV[5]), 'requests-per-minute'} end
            if tonumber(ARGV[2]) >= 0 and tokens > 0 and tokens + asked > tonumber(ARGV[2]) then
                return {tonumber(ARGV[5]), 'tokens-per-minute'}
            end
            redis.call('INCR', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[5]) + 60000)
            redis.call('INCRBY', KEYS[2], asked)
            redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[5]) + 60000)
            redis.call('INCR', KEYS[3])
            redis.call('PEXPIRE', KEYS[3], tonumber(ARGV[6]) + 60000)
            return {0, ''}
            """;
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    private final RedisGuard redis;
    private final LlmQuotaConfig config;
    private final Clock clock;
    /** Degraded mode: this replica's own counts by window key. */
    private final Map<String, Long> local = new HashMap<>();

    LlmQuota(RedisGuard redis, LlmQuotaConfig config, Clock clock) {
        this.redis = redis;
        this.config = config;
        this.clock = clock;
    }

    /** Whether any limit is set; without one no call pays for counting. */
    public boolean limited() {
        return config.requestsPerMinute().isPresent() || config.tokensPerMinute().isPresent()
                || config.requestsPerDay().isPresent();
    }

    /** Takes one request and {@code tokens} estimated tokens, or says how long to wait. */
    public Uni<QuotaGrant> take(long tokens) {
        if (!limited()) {
            return Uni.createFrom().item(QuotaGrant.granted(-1));
        }
        Windows windows = windows();
        return redis.call("the LLM quota",
                ds -> ds.execute("EVAL", TAKE, "3",
                                windows.requestsKey(), windows.tokensKey(), windows.dayKey(),
                                String.valueOf(config.requestsPerMinute().orElse(-1)),
                                String.valueOf(config.tokensPerMinute().orElse(-1L)),
                                String.valueOf(config.requestsPerDay().orElse(-1)),
                                String.valueOf(tokens), String.valueOf(windows.msLeftInMinute()), String.valueOf(windows.msLeftInDay()))
                        .map(reply -> grant(reply, windows)),
                () -> takeLocally(windows, tokens));
    }

    /** Corrects the minute's token count once the real usage is known (the take was an estimate). */
    public Uni<Void> settle(QuotaGrant grant, long estimated, long actual) {
        long correction = actual - estimated;
        if (!grant.granted() || grant.minuteWindow() < 0 || correction == 0) {
            return Uni.createFrom().voidItem();
        }
        String key = Windows.tokensKey(grant.minuteWindow());
        return redis.call("the LLM quota",
                ds -> ds.execute("INCRBY", key, String.valueOf(correction)).replaceWithVoid(),
                () -> {
                    synchronized (local) {
                        local.merge(key, correction, Long::sum);
                    }
                    return null;
                });
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
            local.keySet().removeIf(key -> !key.equals(windows.dayKey()) && !key.endsWith(":" + windows.minute()));
            long requests = local.getOrDefault(windows.requestsKey(), 0L);
            long used = local.getOrDefault(windows.tokensKey(), 0L);
            long today = local.getOrDefault(windows.dayKey(), 0L);
            if (config.requestsPerDay().isPresent() && today + 1 > config.requestsPerDay().get()) {
                return QuotaGrant.denied(Duration.ofMillis(windows.msLeftInDay()), "requests-per-day");
            }
            if (config.requestsPerMinute().isPresent() && requests + 1 > config.requestsPerMinute().get()) {
                return QuotaGrant.denied(Duration.ofMillis(windows.msLeftInMinute()), "requests-per-minute");
            }
            if (config.tokensPerMinute().isPresent() && used > 0 && used + tokens > config.tokensPerMinute().get()) {
                return QuotaGrant.denied(Duration.ofMillis(windows.msLeftInMinute()), "tokens-per-minute");
            }
            local.merge(windows.requestsKey(), 1L, Long::sum);
            local.merge(windows.tokensKey(), tokens, Long::sum);
            local.merge(windows.dayKey(), 1L, Long::sum);
            return QuotaGrant.granted(windows.minute());
        }
    }

    private Windows windows() {
        long now = clock.millis();
        long minuteMs = config.minute().toMillis();
        return new Windows(now / minuteMs, now / DAY_MS, minuteMs - now % minuteMs, DAY_MS - now % DAY_MS);
    }

    /** The current fixed windows and the time left in each. */
    private record Windows(long minute, long day, long msLeftInMinute, long msLeftInDay) {

        String requestsKey() {
            return "shortlist:llm-quota:requests:" + minute;
        }

        String tokensKey() {
            return tokensKey(minute);
        }

        static String tokensKey(long minute) {
            return "shortlist:llm-quota:tokens:" + minute;
        }

        String dayKey() {
            return "shortlist:llm-quota:day:" + day;
        }
    }
}
