package dev.shortlist.pipeline;

import dev.shortlist.jobs.JobRepository;
import dev.shortlist.jobs.Priority;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code shortlist_queue_depth{priority}} and {@code shortlist_jobs_running}. The depth is
 * sampled with one query every few seconds, so a scrape never waits on the database.
 */
@ApplicationScoped
class QueueGauges {

    private final JobRepository jobs;
    private final Dispatcher dispatcher;
    private final PipelineConfig config;
    private final Vertx vertx;
    private final Map<Priority, AtomicLong> depth = new EnumMap<>(Priority.class);
    private long timer = -1;

    QueueGauges(JobRepository jobs, Dispatcher dispatcher, PipelineConfig config, Vertx vertx, MeterRegistry registry) {
        this.jobs = jobs;
        this.dispatcher = dispatcher;
        this.config = config;
        this.vertx = vertx;
        for (Priority priority : Priority.values()) {
            AtomicLong value = new AtomicLong();
            depth.put(priority, value);
            Gauge.builder("shortlist.queue.depth", value, AtomicLong::get)
                    .description("Queued jobs (all replicas), by priority")
                    .tag("priority", priority.wireName())
                    .register(registry);
        }
        Gauge.builder("shortlist.jobs.running", dispatcher, Dispatcher::running)
                .description("Jobs this replica is working right now")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        sample();
        timer = vertx.setPeriodic(config.queueDepthInterval().toMillis(), id -> sample());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    private void sample() {
        jobs.queueDepth().subscribe().with(
                counts -> counts.forEach((priority, n) -> depth.get(priority).set(n)),
                failure -> Log.debugf("Queue depth sample failed: %s", failure.getMessage()));
    }
}
