package dev.shortlist.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The job counters and timers, under {@code shortlist_}: what operators alert on.
 * Takes plain tag values so that every package can report without depending on another's types.
 */
@ApplicationScoped
public class JobMetrics {

    private final MeterRegistry registry;

    public JobMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code shortlist_jobs_submitted_total{type}} */
    public void submitted(String type) {
        submitted(type, 1);
    }

    /** Many jobs accepted at once (a batch). */
    public void submitted(String type, int count) {
        Counter.builder("shortlist.jobs.submitted")
                .description("Jobs accepted, by type")
                .tag("type", type)
                .register(registry)
                .increment(count);
    }

    /**
     * {@code shortlist_jobs_completed_total{type,outcome}} and the
     * {@code shortlist_job_processing_seconds{type,outcome}} timer of one attempt's work.
     */
    public void completed(String type, String outcome, Duration processing) {
        Counter.builder("shortlist.jobs.completed")
                .description("Jobs that reached an end state, by type and outcome")
                .tags("type", type, "outcome", outcome)
                .register(registry)
                .increment();
        processingTimer(type, outcome).record(processing);
    }

    /** A retryable failure sent the job back to the queue. */
    public void retried(String type, String code) {
        Counter.builder("shortlist.jobs.retries")
                .description("Attempts that failed retryably and were re-queued")
                .tags("type", type, "code", code)
                .register(registry)
                .increment();
    }

    /** {@code shortlist_job_latency_seconds{type,outcome}}: from submit to the end state, retries and waits included. */
    public void latency(String type, String outcome, Duration sinceSubmit) {
        Timer.builder("shortlist.job.latency")
                .description("Time from submit to the end state (queued to finished)")
                .tags("type", type, "outcome", outcome)
                .publishPercentileHistogram()
                .register(registry)
                .record(sinceSubmit);
    }

    /** Jobs whose lease expired (their replica died) and that were taken back. */
    public void rescued(int jobs) {
        Counter.builder("shortlist.jobs.rescued")
                .description("Jobs re-queued or failed because their lease expired")
                .register(registry)
                .increment(jobs);
    }

    private Timer processingTimer(String type, String outcome) {
        return Timer.builder("shortlist.job.processing")
                .description("Time a pipeline spent working one job attempt")
                .tags("type", type, "outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }
}
