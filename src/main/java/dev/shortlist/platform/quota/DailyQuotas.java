package dev.shortlist.platform.quota;

import dev.shortlist.platform.redis.LuaScript;
import dev.shortlist.platform.redis.ReadAlong;
import dev.shortlist.platform.redis.RedisGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jobs per key per UTC day, in all and by job type, counted in Redis and taken
 * all-or-nothing (a batch of 500 either fits today's quota or is refused whole). While
 * Redis is unavailable each replica counts on its own against the same quotas.
 */
@ApplicationScoped
public class DailyQuotas {

    /**
     * KEYS: today's count of all jobs, today's count of this type, and optionally a key to read
     * once the jobs are taken. ARGV: jobs asked, the all-jobs quota, the type's quota
     * (-1 = none), ms to keep the counts.
     * Returns {1, all, type, value read or nil} when taken, {0, all, type, 'all' | 'type'} when refused.
     */
    private static final LuaScript TAKE = LuaScript.of("""
            local all = tonumber(redis.call('GET', KEYS[1]) or '0')
            local typed = tonumber(redis.call('GET', KEYS[2]) or '0')
            local asked = tonumber(ARGV[1])
            if all + asked > tonumber(ARGV[2]) then return {0, all, typed, 'all'} end
            if tonumber(ARGV[3]) >= 0 and typed + asked > tonumber(ARGV[3]) then return {0, all, typed, 'type'} end
            redis.call('INCRBY', KEYS[1], asked)
            redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
            redis.call('INCRBY', KEYS[2], asked)
            redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[4]))
            local read = false
            if KEYS[3] then read = redis.call('GET', KEYS[3]) end
            return {1, all + asked, typed + asked, read}
            """);
    private static final Duration KEEP = Duration.ofHours(26);

    private final RedisGuard redis;
    private final LimitsConfig config;
    private final Clock clock;
    private final Map<String, Long> local = new ConcurrentHashMap<>();

    DailyQuotas(RedisGuard redis, LimitsConfig config, Clock clock) {
        this.redis = redis;
        this.config = config;
        this.clock = clock;
    }

    /**
     * What a take found: refused names the quota that would be exceeded; {@code readAlong},
     * the key read in the same round trip when the jobs were taken.
     */
    public record Take(boolean allowed, String refusedQuota, int limit, Instant resetAt, ReadAlong readAlong) {
    }

    /** One quota as the caller sees it. */
    public record Usage(String name, String type, int limit, long used, long remaining, Instant resetAt) {
    }

    /** Takes {@code jobs} jobs of {@code type} from the owner's quotas for today, or refuses them all. */
    public Uni<Take> take(String owner, KeyLimits limits, String type, int jobs) {
        return take(owner, limits, type, jobs, null);
    }

    /**
     * Takes the jobs as {@link #take(String, KeyLimits, String, int)} does and, when they are
     * taken, reads {@code readKey} in the same round trip: a submit learns whether its result
     * is cached without a second call to Redis.
     */
    public Uni<Take> take(String owner, KeyLimits limits, String type, int jobs, String readKey) {
        Day day = today();
        int allLimit = allLimit(limits);
        int typeLimit = typeLimit(limits, type);
        String allKey = key(owner, day, "all");
        String typeKey = key(owner, day, type);
        return redis.eval("daily quotas", TAKE, readKey == null ? List.of(allKey, typeKey) : List.of(allKey, typeKey, readKey),
                List.of(String.valueOf(jobs), String.valueOf(allLimit), String.valueOf(typeLimit), String.valueOf(KEEP.toMillis())),
                reply -> taken(reply, allLimit, typeLimit, type, day),
                () -> takeLocally(allKey, typeKey, jobs, allLimit, typeLimit, type, day));
    }

    /** Gives back jobs taken for nothing (a submit that turned out to repeat an earlier one). */
    public Uni<Void> refund(String owner, String type, int jobs) {
        Day day = today();
        String allKey = key(owner, day, "all");
        String typeKey = key(owner, day, type);
        return redis.call("daily quotas",
                ds -> Uni.join().all(ds.execute("DECRBY", allKey, String.valueOf(jobs)), ds.execute("DECRBY", typeKey, String.valueOf(jobs)))
                        .andCollectFailures().replaceWithVoid(),
                () -> {
                    local.computeIfPresent(allKey, (k, v) -> Math.max(0, v - jobs));
                    local.computeIfPresent(typeKey, (k, v) -> Math.max(0, v - jobs));
                    return null;
                });
    }

    /** Today's use of every quota of the owner: all jobs, and each type that has a quota. */
    public Uni<List<Usage>> usage(String owner, KeyLimits limits, Collection<String> types) {
        Day day = today();
        List<String> names = new ArrayList<>();
        names.add("all");
        types.stream().filter(type -> typeLimit(limits, type) >= 0).forEach(names::add);
        List<String> keys = names.stream().map(name -> key(owner, day, name)).toList();
        Uni<List<Long>> counts = redis.call("daily quotas",
                ds -> ds.execute("MGET", keys.toArray(String[]::new)).map(reply -> {
                    List<Long> values = new ArrayList<>();
                    reply.forEach(value -> values.add(value == null ? 0L : value.toLong()));
                    return values;
                }),
                () -> localCounts(keys));
        return counts.map(values -> {
            List<Usage> usage = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                int limit = i == 0 ? allLimit(limits) : typeLimit(limits, name);
                long used = values.get(i);
                usage.add(new Usage("jobs-per-day", i == 0 ? null : name, limit, used, Math.max(0, limit - used), day.resetAt()));
            }
            return usage;
        });
    }

    private List<Long> localCounts(List<String> keys) {
        return keys.stream().map(key -> local.getOrDefault(key, 0L)).toList();
    }

    private Take taken(Response reply, int allLimit, int typeLimit, String type, Day day) {
        if (reply.get(0).toInteger() == 1) {
            Response read = reply.size() > 3 ? reply.get(3) : null;
            return new Take(true, null, allLimit, day.resetAt(), ReadAlong.answered(read == null ? null : read.toString()));
        }
        boolean all = "all".equals(reply.get(3).toString());
        return new Take(false, all ? "jobs-per-day" : "jobs-per-day of " + type, all ? allLimit : typeLimit, day.resetAt(),
                ReadAlong.UNANSWERED);
    }

    private Take takeLocally(String allKey, String typeKey, int jobs, int allLimit, int typeLimit, String type, Day day) {
        synchronized (local) {
            local.keySet().removeIf(key -> !key.contains(":" + day.date() + ":"));
            long all = local.getOrDefault(allKey, 0L);
            long typed = local.getOrDefault(typeKey, 0L);
            if (all + jobs > allLimit) {
                return new Take(false, "jobs-per-day", allLimit, day.resetAt(), ReadAlong.UNANSWERED);
            }
            if (typeLimit >= 0 && typed + jobs > typeLimit) {
                return new Take(false, "jobs-per-day of " + type, typeLimit, day.resetAt(), ReadAlong.UNANSWERED);
            }
            local.merge(allKey, (long) jobs, Long::sum);
            local.merge(typeKey, (long) jobs, Long::sum);
            return new Take(true, null, allLimit, day.resetAt(), ReadAlong.UNANSWERED);
        }
    }

    private int allLimit(KeyLimits limits) {
        return limits.jobsPerDay() != null ? limits.jobsPerDay() : config.jobsPerDay();
    }

    private int typeLimit(KeyLimits limits, String type) {
        Integer own = limits.jobsPerDayByType().get(type);
        return own != null ? own : config.jobsPerDayByType().getOrDefault(type, -1);
    }

    private static String key(String owner, Day day, String name) {
        return "shortlist:quota:" + owner + ":" + day.date() + ":" + name;
    }

    private Day today() {
        LocalDate date = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return new Day(date, date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private record Day(LocalDate date, Instant resetAt) {
    }
}
