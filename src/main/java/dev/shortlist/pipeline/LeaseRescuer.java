package dev.shortlist.pipeline;

import dev.shortlist.jobs.JobWrites;
import dev.shortlist.observability.JobMetrics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Takes back jobs whose lease expired because the instance running them died (kill -9,
 * lost node): each is re-queued with its attempt counted, or failed after its last one.
 * Every instance runs a rescuer; SKIP LOCKED keeps them from rescuing the same job twice.
 */
@ApplicationScoped
public class LeaseRescuer {

    /** Jobs rescued per statement; a pass repeats until fewer come back. */
    static final int PAGE = 500;

    private final JobWrites writes;
    private final PipelineConfig config;
    private final Vertx vertx;
    private final JobMetrics metrics;
    private long timer = -1;

    public LeaseRescuer(JobWrites writes, PipelineConfig config, Vertx vertx, JobMetrics metrics) {
        this.writes = writes;
        this.config = config;
        this.vertx = vertx;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            timer = vertx.setPeriodic(config.rescueInterval().toMillis(), id -> runOnce());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    void runOnce() {
        writes.rescueExpired(PAGE).subscribe().with(
                rescued -> {
                    if (rescued > 0) {
                        Log.infof("Rescued %d jobs whose lease expired", rescued);
                        metrics.rescued(rescued);
                    }
                    if (rescued == PAGE) {
                        runOnce();
                    }
                },
                failure -> Log.warnf("Rescue pass failed: %s", failure.getMessage()));
    }
}
