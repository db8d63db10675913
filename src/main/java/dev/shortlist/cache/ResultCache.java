package dev.shortlist.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.platform.redis.LuaScript;
import dev.shortlist.platform.redis.ReadAlong;
import dev.shortlist.platform.redis.RedisGuard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Results in Redis, and the in-flight marks that keep identical work from reaching the
 * model twice, from any replica. Redis failing never fails a job: lookups miss, stores
 * are skipped and every caller may do the work itself.
 */
@ApplicationScoped
public class ResultCache {

    /**
     * Takes the in-flight mark, or renews it when the caller already holds it: a job
     * rescued after its replica died is the same holder and must not wait for itself.
     */
    private static final LuaScript CLAIM_OR_RENEW = LuaScript.of("""
            local holder = redis.call('GET', KEYS[1])
            if holder and holder ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 1
            """);

    /** Frees an in-flight mark only if the caller still holds it (it may have expired and passed on). */
    private static final LuaScript RELEASE_IF_HELD = LuaScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end
            """);

    private final RedisGuard redis;
    private final CacheConfig config;
    private final CacheKeys keys;
    private final ObjectMapper json;
    private final MeterRegistry registry;

    ResultCache(RedisGuard redis, CacheConfig config, CacheKeys keys, ObjectMapper json, MeterRegistry registry) {
        this.redis = redis;
        this.config = config;
        this.keys = keys;
        this.json = json;
        this.registry = registry;
    }

    /** {@code shortlist_cache_lookups_total{outcome}}: hit, miss, or bypassed (Redis unavailable). */
    private void counted(String outcome) {
        Counter.builder("shortlist.cache.lookups").description("Result cache lookups, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    /**
     * The Redis key where a job about to be submitted would find its cached result, for the
     * submit to read along with its quota ({@link #foundForNewJob}); empty when there is
     * nothing to look up (the cache is off, or the job type is never cached).
     */
    public Optional<String> entryForNewJob(String jobType, String inputHash, String engine) {
        return config.enabled() ? keys.forNewJob(jobType, inputHash, engine).map(CacheKey::redisKey) : Optional.empty();
    }

    /** The cached result a submit read along at {@link #entryForNewJob}, counted as a hit, a miss or bypassed. */
    public Optional<CachedResult> foundForNewJob(ReadAlong read) {
        if (!read.answered()) {
            counted("bypassed");
            return Optional.empty();
        }
        return lookedUp(read.value());
    }

    public Uni<Optional<CachedResult>> find(CacheKey key) {
        if (!config.enabled()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return redis.call("the result cache",
                ds -> ds.value(String.class).get(key.redisKey()).map(this::lookedUp),
                () -> {
                    counted("bypassed");
                    return Optional.empty();
                });
    }

    public Uni<Void> store(CacheKey key, CachedResult result) {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        ObjectNode stored = json.createObjectNode();
        stored.set("result", result.result());
        stored.put("engine", result.engine());
        stored.put("model", result.model());
        return redis.call("the result cache",
                ds -> ds.value(String.class).setex(key.redisKey(), config.ttl().toSeconds(), stored.toString()),
                () -> null);
    }

    /**
     * Marks the work as in flight for {@code holder}. True when the caller should do it: it
     * got (or already held) the mark, or Redis is unavailable and nobody can coordinate. False when another
     * holder is doing identical work right now.
     */
    public Uni<Boolean> claimInFlight(CacheKey key, String holder) {
        if (!config.enabled()) {
            return Uni.createFrom().item(true);
        }
        return redis.eval("the result cache", CLAIM_OR_RENEW, List.of(key.inFlightKey()),
                List.of(holder, String.valueOf(config.inFlightLease().toMillis())), claimed -> claimed.toInteger() == 1, () -> true);
    }

    public Uni<Void> releaseInFlight(CacheKey key, String holder) {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return redis.eval("the result cache", RELEASE_IF_HELD, List.of(key.inFlightKey()), List.of(holder), released -> (Void) null,
                () -> null);
    }

    /**
     * Removes the results stored under these keys, for deletion and erasure. Unlike lookups
     * it fails when Redis cannot confirm it: a caller erasing personal data must know.
     */
    public Uni<Integer> evict(List<CacheKey> keys) {
        String[] names = keys.stream().map(CacheKey::redisKey).distinct().toArray(String[]::new);
        return names.length == 0 ? Uni.createFrom().item(0)
                : redis.call("the result cache", ds -> ds.key().del(names), () -> {
                    throw new IllegalStateException("Redis is unavailable: cached results could not be removed");
                });
    }

    /** How soon a job that found identical work in flight should look again. */
    public Duration inFlightRecheck() {
        return config.inFlightRecheck();
    }

    /** A hit, or a miss when nothing is stored or what is stored cannot be read (the work is then done again). */
    private Optional<CachedResult> lookedUp(String stored) {
        Optional<CachedResult> found = Optional.ofNullable(stored).flatMap(this::decode);
        counted(found.isPresent() ? "hit" : "miss");
        return found;
    }

    private Optional<CachedResult> decode(String stored) {
        try {
            ObjectNode node = (ObjectNode) json.readTree(stored);
            return Optional.of(new CachedResult(node.get("result"), node.path("engine").asText(), node.path("model").asText()));
        } catch (JsonProcessingException | ClassCastException e) {
            Log.warnf("Unreadable cache entry ignored: %s", e.getMessage());
            return Optional.empty();
        }
    }
}
