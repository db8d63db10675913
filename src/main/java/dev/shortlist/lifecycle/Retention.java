package dev.shortlist.lifecycle;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Deletes what has been kept long enough: finished jobs, documents, postings and audit events past
 * their retention (a key's own setting, else the configured one), and batches left with no
 * jobs. A few hundred rows per statement, each its own short transaction, rows another
 * replica is already deleting skipped, so the purge never holds long locks or blocks the queue.
 */
@ApplicationScoped
public class Retention {

    /** Finished jobs past their owner's retention. Queued and running jobs are never purged. */
    private static final String PURGE_JOBS = purgeOwned("jobs", "finished_at", "");
    private static final String PURGE_DOCUMENTS = purgeOwned("documents", "created_at", "");
    private static final String PURGE_POSTINGS = purgeOwned("postings", "created_at", "");
    /** Batches whose jobs have all been purged or deleted, once they are past the job retention too. */
    private static final String PURGE_BATCHES = purgeOwned("batches", "created_at",
            " AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.batch_id = t.id)");
    private static final String PURGE_AUDIT = """
            DELETE FROM audit_events WHERE id IN (
                SELECT id FROM audit_events WHERE at < $1::timestamptz - $2::float8 * interval '1 second'
                ORDER BY at LIMIT $3 FOR UPDATE SKIP LOCKED)
            """;

    /**
     * Oldest rows of an owned table past their owner's retention ($1 now, $2 the default in
     * seconds, $3 rows at most); rows another replica is purging are skipped, not waited for.
     */
    private static String purgeOwned(String table, String age, String condition) {
        return """
                DELETE FROM %1$s WHERE id IN (
                    SELECT t.id FROM %1$s t LEFT JOIN retention_overrides r ON r.owner = t.owner
                    WHERE t.%2$s < $1::timestamptz - coalesce(r.days * interval '1 day', $2::float8 * interval '1 second')%3$s
                    ORDER BY t.%2$s
                    LIMIT $3
                    FOR UPDATE OF t SKIP LOCKED)
                """.formatted(table, age, condition);
    }

    /** What one run deleted. */
    public record Purged(int jobs, int batches, int documents, int auditEvents, int postings) {
    }

    private final Pool pool;
    private final RetentionConfig config;
    private final Clock clock;
    private final MeterRegistry registry;

    Retention(Pool pool, RetentionConfig config, Clock clock, MeterRegistry registry) {
        this.pool = pool;
        this.config = config;
        this.clock = clock;
        this.registry = registry;
    }

    @Scheduled(identity = "retention", every = "${shortlist.retention.interval}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return purge().invoke(purged -> {
            if (purged.jobs() + purged.batches() + purged.documents() + purged.auditEvents() + purged.postings() > 0) {
                Log.infof("Retention purged %d jobs, %d batches, %d documents, %d audit events, %d postings",
                        purged.jobs(), purged.batches(), purged.documents(), purged.auditEvents(), purged.postings());
            }
        }).onFailure().invoke(failure -> Log.warnf("Retention purge stopped early: %s", failure.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One pass over every kind; jobs go before batches, which are purged only once empty. */
    public Uni<Purged> purge() {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return purgeAll("jobs", PURGE_JOBS, now, config.jobs().toSeconds())
                .chain(jobs -> purgeAll("batches", PURGE_BATCHES, now, config.jobs().toSeconds())
                        .chain(batches -> purgeAll("documents", PURGE_DOCUMENTS, now, config.documents().toSeconds())
                                .chain(documents -> purgeAll("audit_events", PURGE_AUDIT, now, config.audit().toSeconds())
                                        .chain(audit -> purgeAll("postings", PURGE_POSTINGS, now, config.postings().toSeconds())
                                                .map(postings -> new Purged(jobs, batches, documents, audit, postings))))));
    }

    /** Repeats one small delete until a statement finds fewer rows than it may take, or the run's cap is reached. */
    private Uni<Integer> purgeAll(String kind, String sql, OffsetDateTime now, long defaultSeconds) {
        return purgeFrom(kind, sql, now, defaultSeconds, 0);
    }

    private Uni<Integer> purgeFrom(String kind, String sql, OffsetDateTime now, long defaultSeconds, int soFar) {
        int batch = config.batchSize();
        return pool.preparedQuery(sql).execute(Tuple.of(now, defaultSeconds, batch))
                .map(rows -> rows.rowCount())
                .invoke(deleted -> registry.counter("shortlist_retention_purged", "kind", kind).increment(deleted))
                .chain(deleted -> deleted < batch || soFar + deleted >= config.maxPerRun()
                        ? Uni.createFrom().item(soFar + deleted)
                        : purgeFrom(kind, sql, now, defaultSeconds, soFar + deleted));
    }
}
