package dev.shortlist.observability;

import dev.shortlist.jobs.Priority;
import dev.shortlist.platform.quota.LlmQuota;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The operator's view of the whole system: the queue and the work of every replica read
 * from the jobs table (so any replica answers for all), and this replica's cache, LLM
 * quota and database pool. Every query walks a partial index or the last 15 minutes of
 * finished jobs, never the whole table.
 */
@ApplicationScoped
public class SystemStats {

    /** Queued jobs by priority, type and whether they wait for a later run_after (retry backoff, quota). */
    private static final String QUEUED = """
            SELECT priority, type, run_after > now() AS waiting, count(*) AS n,
                   extract(epoch FROM now() - min(created_at))::bigint AS oldest_seconds
            FROM jobs WHERE status = 'queued'
            GROUP BY 1, 2, 3
            """;

    private static final String RUNNING = """
            SELECT coalesce(lease_owner, 'unknown') AS replica, count(*) AS n
            FROM jobs WHERE status = 'running'
            GROUP BY 1 ORDER BY 1
            """;

    /** Jobs that ended (succeeded or failed) in the last 1, 5 and 15 minutes; latency is created to finished. */
    private static final String WINDOWS = """
            SELECT w.minutes,
                   count(j.id) AS finished,
                   count(j.id) FILTER (WHERE j.status = 'succeeded') AS succeeded,
                   count(j.id) FILTER (WHERE j.status = 'failed') AS failed,
                   count(j.id) FILTER (WHERE j.cache_hit) AS cache_hits,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM j.finished_at - j.created_at)) * 1000 AS p50_ms,
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM j.finished_at - j.created_at)) * 1000 AS p95_ms
            FROM unnest(ARRAY[1, 5, 15]) AS w(minutes)
            LEFT JOIN jobs j ON j.finished_at > now() - make_interval(mins => w.minutes) AND j.status IN ('succeeded', 'failed')
            GROUP BY w.minutes ORDER BY w.minutes
            """;

    public record Status(Instant at, Queue queue, List<ReplicaLoad> running, List<Window> throughput, QuotaView llmQuota,
            CacheView cache, PoolView databasePool) {
    }

    /** byStatus: queued (ready to run), waiting (queued for a later time), running. */
    public record Queue(Map<String, Long> byStatus, Map<String, Long> queuedByPriority, Map<String, Long> queuedByType,
            Long oldestQueuedSeconds) {
    }

    public record ReplicaLoad(String replica, long running) {
    }

    /** completed counts succeeded and failed jobs; successRate is null when none ended. */
    public record Window(int minutes, long completed, long succeeded, long failed, double perMinute, Double successRate,
            long cacheHits, Double latencyP50Ms, Double latencyP95Ms) {
    }

    /** Limits (null = unlimited), what this minute and today used, what is left; null counts while Redis cannot say. */
    public record QuotaView(Integer requestsPerMinute, Long tokensPerMinute, Integer requestsPerDay, Long requestsThisMinute,
            Long tokensThisMinute, Long requestsToday, Long requestsPerMinuteLeft, Long requestsPerDayLeft) {
    }

    /** This replica's result-cache lookups since it started. */
    public record CacheView(long hits, long misses, long bypassed, Double hitRate) {
    }

    /** This replica's reactive PostgreSQL pool. */
    public record PoolView(int max, long inUse, long waiting) {
    }

    private final Pool pool;
    private final LlmQuota quota;
    private final MeterRegistry registry;
    private final int poolMax;

    SystemStats(Pool pool, LlmQuota quota, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.datasource.reactive.max-size", defaultValue = "20") int poolMax) {
        this.pool = pool;
        this.quota = quota;
        this.registry = registry;
        this.poolMax = poolMax;
    }

    public Uni<Status> now() {
        return Uni.combine().all().unis(
                        pool.query(QUEUED).execute().map(SystemStats::queue),
                        pool.query(RUNNING).execute().map(SystemStats::running),
                        pool.query(WINDOWS).execute().map(SystemStats::windows),
                        quota.usage().map(SystemStats::quotaView))
                .with((queue, running, windows, llm) -> new Status(Instant.now(), queue, running, windows, llm, cache(), databasePool()));
    }

    private static Queue queue(RowSet<Row> rows) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        byStatus.put("queued", 0L);
        byStatus.put("waiting", 0L);
        Map<String, Long> byPriority = new LinkedHashMap<>();
        for (Priority priority : Priority.values()) {
            byPriority.put(priority.wireName(), 0L);
        }
        Map<String, Long> byType = new LinkedHashMap<>();
        Long oldest = null;
        for (Row row : rows) {
            long n = row.getLong("n");
            byStatus.merge(row.getBoolean("waiting") ? "waiting" : "queued", n, Long::sum);
            byPriority.merge(Priority.ofRank(row.getInteger("priority")).wireName(), n, Long::sum);
            byType.merge(row.getString("type"), n, Long::sum);
            long age = row.getLong("oldest_seconds");
            oldest = oldest == null ? age : Math.max(oldest, age);
        }
        return new Queue(byStatus, byPriority, byType, oldest);
    }

    private static List<ReplicaLoad> running(RowSet<Row> rows) {
        List<ReplicaLoad> load = new ArrayList<>();
        rows.forEach(row -> load.add(new ReplicaLoad(row.getString("replica"), row.getLong("n"))));
        return load;
    }

    private static List<Window> windows(RowSet<Row> rows) {
        List<Window> windows = new ArrayList<>();
        for (Row row : rows) {
            int minutes = row.getInteger("minutes");
            long completed = row.getLong("finished");
            long succeeded = row.getLong("succeeded");
            windows.add(new Window(minutes, completed, succeeded, row.getLong("failed"), (double) completed / minutes,
                    completed == 0 ? null : (double) succeeded / completed, row.getLong("cache_hits"),
                    row.getDouble("p50_ms"), row.getDouble("p95_ms")));
        }
        return windows;
    }

    private static QuotaView quotaView(LlmQuota.Usage usage) {
        Integer perMinute = usage.requestsPerMinute().orElse(null);
        Integer perDay = usage.requestsPerDay().orElse(null);
        return new QuotaView(perMinute, usage.tokensPerMinute().orElse(null), perDay, usage.requestsThisMinute(),
                usage.tokensThisMinute(), usage.requestsToday(), left(perMinute, usage.requestsThisMinute()),
                left(perDay, usage.requestsToday()));
    }

    private static Long left(Integer limit, Long used) {
        return limit == null || used == null ? null : Math.max(0, limit - used);
    }

    private CacheView cache() {
        long hits = lookups("hit");
        long misses = lookups("miss");
        return new CacheView(hits, misses, lookups("bypassed"), hits + misses == 0 ? null : (double) hits / (hits + misses));
    }

    private long lookups(String outcome) {
        Counter counter = registry.find("shortlist.cache.lookups").tag("outcome", outcome).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    /** From the pool gauges Quarkus registers for the reactive datasource (sql_pool_*, quarkus.datasource.metrics.enabled). */
    private PoolView databasePool() {
        return new PoolView(poolMax, (long) gauge("sql.pool.active"), (long) gauge("sql.pool.queue.size"));
    }

    private double gauge(String name) {
        return registry.find(name).gauges().stream().mapToDouble(Gauge::value).sum();
    }
}
