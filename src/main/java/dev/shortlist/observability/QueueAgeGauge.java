package dev.shortlist.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code shortlist_queue_oldest_seconds}: how long the oldest job ready to run has waited
 * (all replicas), so an alert can fire when the queue stops moving. Jobs waiting for a
 * later run_after (retry backoff, quota) are not counted: they are not late.
 */
@ApplicationScoped
class QueueAgeGauge {

    private static final String OLDEST = """
            SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)::bigint AS seconds
            FROM jobs WHERE status = 'queued' AND run_after <= now()
            """;

    private final Pool pool;
    private final Vertx vertx;
    private final long intervalMs;
    private final AtomicLong seconds = new AtomicLong();
    private long timer = -1;

    QueueAgeGauge(Pool pool, Vertx vertx, MeterRegistry registry,
            @ConfigProperty(name = "shortlist.pipeline.queue-depth-interval", defaultValue = "5s") java.time.Duration interval) {
        this.pool = pool;
        this.vertx = vertx;
        this.intervalMs = interval.toMillis();
        Gauge.builder("shortlist.queue.oldest", seconds, AtomicLong::get)
                .description("Seconds the oldest job ready to run has been queued (all replicas)")
                .baseUnit("seconds")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        sample();
        timer = vertx.setPeriodic(intervalMs, id -> sample());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    private void sample() {
        pool.query(OLDEST).execute().subscribe().with(
                rows -> seconds.set(rows.iterator().next().getLong("seconds")),
                failure -> Log.debugf("Oldest queued sample failed: %s", failure.getMessage()));
    }
}
