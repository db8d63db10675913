package dev.shortlist.quota;

import dev.shortlist.observability.RedisAvailability;
import dev.shortlist.security.Caller;
import dev.shortlist.security.SecurityAudit;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Jobs per key per UTC day, in all and per job type, taken at submit (a batch takes one
 * per child, all or nothing). Counted in Redis; while Redis is unavailable each replica
 * counts in memory against the same limits.
 */
@ApplicationScoped
public class DailyQuota {

    /**
     * KEYS: today's count of all jobs, today's count of this type. ARGV: jobs asked for,
     * the daily limit, the type's daily limit (-1 = none), ms until the counts may expire.
     * Returns {1} when taken, else {0, 'total' or 'type', the count that is full}.
     */
    private static final String TAKE = """
            local asked = tonumber(ARGV[1])
            local total = tonumber(redis.call('GET', KEYS[1]) or '0')
            local typed = tonumber(redis.call('GET', KEYS[2]) or '0')
            if total + asked > tonumber(ARGV[2]) then return {0, 'total', total} end
            if tonumber(ARGV[3]) >= 0 and typed + asked > tonumber(ARGV[3]) then return {0, 'type', typed} end
            redis.call('INCRBY', KEYS[1], asked)
            redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
            redis.call('INCRBY', KEYS[2], asked)
            redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[4]))
            return {1}
            """;
    private static final Duration REDIS_WAIT = Duration.ofSeconds(1);
    /** Counts outlive their day by an hour, so a replica whose clock is a little behind still finds them. */
    private static final Duration KEEP_AFTER_DAY = Duration.ofHours(1);

    private final ReactiveRedisDataSource redis;
    private final RedisAvailability availability;
    private final Limits limits;
    private final SecurityAudit audit;
    private final Clock clock;
    /** Degraded mode: this replica's own counts by key, today's only. */
    private final Map<String, Long> local = new HashMap<>();

    DailyQuota(ReactiveRedisDataSource redis, RedisAvailability availability, Limits limits, SecurityAudit audit, Clock clock) {
        this.redis = redis;
        this.availability = availability;
        this.limits = limits;
        this.audit = audit;
        this.clock = clock;
    }

    /** Takes {@code jobs} jobs of {@code type} from the caller's quotas for today, or fails with a 429. */
    public Uni<Void> take(Caller caller, String type, int jobs) {
        LocalDate today = today();
        int dayLimit = limits.jobsPerDay(caller.limits());
        Optional<Integer> typeLimit = limits.jobsPerDay(type, caller.limits());
        String totalKey = key(today, caller, null);
        String typeKey = key(today, caller, type);
        Uni<Optional<String>> refusal;
        if (!availability.usable()) {
            refusal = Uni.createFrom().item(takeLocally(today, totalKey, typeKey, jobs, dayLimit, typeLimit));
        } else {
            refusal = Uni.createFrom().deferred(() -> redis.execute("EVAL", TAKE, "2", totalKey, typeKey,
                            String.valueOf(jobs), String.valueOf(dayLimit), String.valueOf(typeLimit.orElse(-1)),
                            String.valueOf(Duration.between(clock.instant(), resetAt()).plus(KEEP_AFTER_DAY).toMillis())))
                    .ifNoItem().after(REDIS_WAIT).fail()
                    .map(DailyQuota::refusal)
                    .invoke(ignored -> availability.succeeded())
                    .onFailure().recoverWithItem(failure -> {
                        Log.debugf("Redis unavailable for daily quotas, counting on this replica: %s", failure.getMessage());
                        availability.failed(failure);
                        return takeLocally(today, totalKey, typeKey, jobs, dayLimit, typeLimit);
                    });
        }
        return refusal.invoke(full -> full.ifPresent(which -> {
            String detail = "total".equals(which)
                    ? "Your quota of " + dayLimit + " jobs per day (UTC) does not have room for " + jobs + " more"
                    : "Your quota of " + typeLimit.orElseThrow() + " " + type + " jobs per day (UTC) does not have room for "
                            + jobs + " more";
            audit.record(SecurityAudit.QUOTA_EXCEEDED, caller.owner(), Map.of("quota", which, "type", type, "asked", jobs));
            throw new LimitExceeded("quota-exceeded", "Daily quota reached",
                    detail + "; it resets at " + resetAt(), Duration.between(clock.instant(), resetAt()));
        })).replaceWithVoid();
    }

    /** Jobs counted today: in all (key {@code null}) and of each type that has a limit. */
    Uni<Map<String, Long>> usedToday(Caller caller, Iterable<String> types) {
        LocalDate today = today();
        Map<String, String> keys = new HashMap<>();
        keys.put(null, key(today, caller, null));
        types.forEach(type -> keys.put(type, key(today, caller, type)));
        if (!availability.usable()) {
            return Uni.createFrom().item(countedLocally(keys));
        }
        String[] args = keys.values().toArray(String[]::new);
        return Uni.createFrom().deferred(() -> redis.execute("MGET", args))
                .ifNoItem().after(REDIS_WAIT).fail()
                .map(reply -> {
                    Map<String, Long> counted = new HashMap<>();
                    int index = 0;
                    for (String type : keys.keySet()) {
                        Response value = reply.get(index++);
                        counted.put(type, value == null ? 0L : value.toLong());
                    }
                    return counted;
                })
                .onFailure().recoverWithItem(failure -> {
                    availability.failed(failure);
                    return countedLocally(keys);
                });
    }

    /** The next UTC midnight, when every daily quota starts again. */
    Instant resetAt() {
        return today().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static Optional<String> refusal(Response reply) {
        return reply.get(0).toLong() == 1 ? Optional.empty() : Optional.of(reply.get(1).toString());
    }

    private Optional<String> takeLocally(LocalDate today, String totalKey, String typeKey, int jobs, int dayLimit,
            Optional<Integer> typeLimit) {
        synchronized (local) {
            String todayPrefix = "shortlist:jobs-day:" + today + ":";
            local.keySet().removeIf(key -> !key.startsWith(todayPrefix));
            long total = local.getOrDefault(totalKey, 0L);
            long typed = local.getOrDefault(typeKey, 0L);
            if (total + jobs > dayLimit) {
                return Optional.of("total");
            }
            if (typeLimit.isPresent() && typed + jobs > typeLimit.get()) {
                return Optional.of("type");
            }
            local.merge(totalKey, (long) jobs, Long::sum);
            local.merge(typeKey, (long) jobs, Long::sum);
            return Optional.empty();
        }
    }

    private Map<String, Long> countedLocally(Map<String, String> keys) {
        Map<String, Long> counted = new HashMap<>();
        synchronized (local) {
            keys.forEach((type, key) -> counted.put(type, local.getOrDefault(key, 0L)));
        }
        return counted;
    }

    private static String key(LocalDate day, Caller caller, String type) {
        return "shortlist:jobs-day:" + day + ":" + caller.owner() + (type == null ? "" : ":" + type);
    }
}
