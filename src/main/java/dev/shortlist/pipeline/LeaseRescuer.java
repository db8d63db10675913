package dev.shortlist.pipeline;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

import dev.shortlist.jobs.LeaseWrites;
import dev.shortlist.jobs.JobMetrics;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Takes back jobs whose lease expired because the instance running them died (kill -9,
 * lost node): each is re-queued with its attempt counted, or failed after its last one.
 * Every instance runs a rescuer; SKIP LOCKED keeps them from rescuing the same job twice.
 */
@ApplicationScoped
public class LeaseRescuer {

    /** Jobs rescued per statement; a pass repeats until fewer come back. */
    static final int PAGE = 500;

    private final LeaseWrites writes;
    private final PipelineConfig config;
    private final JobMetrics metrics;

    public LeaseRescuer(LeaseWrites writes, PipelineConfig config, JobMetrics metrics) {
        this.writes = writes;
        this.config = config;
        this.metrics = metrics;
    }

    /** One pass every {@code shortlist.pipeline.rescue-interval}, on instances that run the pipeline. */
    @Scheduled(identity = "lease-rescuer", every = "${shortlist.pipeline.rescue-interval}", concurrentExecution = SKIP)
    void scheduled() {
        if (config.enabled()) {
            runOnce();
        }
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
