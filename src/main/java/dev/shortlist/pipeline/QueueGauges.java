package dev.shortlist.pipeline;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

import dev.shortlist.jobs.JobRepository;
import dev.shortlist.jobs.Priority;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code shortlist_queue_depth{priority}}, {@code shortlist_queue_oldest_seconds} (how long
 * the oldest job ready to run has waited, all replicas, so an alert can fire when the queue
 * stops moving) and {@code shortlist_jobs_running}. The queue is sampled with one query
 * every few seconds, so a scrape never waits on the database.
 */
@ApplicationScoped
class QueueGauges {

    private final JobRepository jobs;
    private final Clock clock;
    private final Map<Priority, AtomicLong> depth = new EnumMap<>(Priority.class);
    private final AtomicLong oldestSeconds = new AtomicLong();

    QueueGauges(JobRepository jobs, Clock clock, Dispatcher dispatcher, MeterRegistry registry) {
        this.jobs = jobs;
        this.clock = clock;
        for (Priority priority : Priority.values()) {
            AtomicLong value = new AtomicLong();
            depth.put(priority, value);
            Gauge.builder("shortlist.queue.depth", value, AtomicLong::get)
                    .description("Queued jobs (all replicas), by priority")
                    .tag("priority", priority.wireName())
                    .register(registry);
        }
        Gauge.builder("shortlist.queue.oldest", oldestSeconds, AtomicLong::get)
                .description("Seconds the oldest job ready to run has been queued (all replicas)")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("shortlist.jobs.running", dispatcher, Dispatcher::running)
                .description("Jobs this replica is working right now")
                .register(registry);
    }

    /** Every {@code shortlist.pipeline.queue-depth-interval}, the first right at start-up. */
    @Scheduled(identity = "queue-depth", every = "${shortlist.pipeline.queue-depth-interval}", concurrentExecution = SKIP)
    void sample() {
        jobs.queueSample(clock.instant()).subscribe().with(sample -> {
            sample.depth().forEach((priority, n) -> depth.get(priority).set(n));
            oldestSeconds.set(sample.oldestReady().toSeconds());
        }, failure -> Log.debugf("Queue sample failed: %s", failure.getMessage()));
    }
}
