package dev.shortlist.pipeline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the pipeline claims, runs and guards jobs. */
@ConfigMapping(prefix = "shortlist.pipeline")
public interface PipelineConfig {

    /** Jobs one instance works at once. Default 16. Most of a job's time is waiting on the LLM, so this may exceed the core count. */
    @WithDefault("16")
    int concurrency();

    /**
     * Most jobs of one owner running at once across all replicas, so one caller's batch
     * cannot take the whole pipeline from the others. Default 100.
     */
    @WithDefault("100")
    int ownerRunningCap();

    /**
     * How long a queued job waits before it rises one priority (bulk to low, low to normal,
     * and so on up to critical), so a stream of higher-priority work cannot hold older jobs
     * back for ever. 0 turns aging off. Default 10m: a bulk job competes as critical after
     * 40 minutes.
     */
    @WithDefault("10m")
    Duration agingInterval();

    /** How often the queue depth by priority is sampled for the metrics. Default 5s. */
    @WithDefault("5s")
    Duration queueDepthInterval();

    /** Whether this instance claims jobs at all; an API-only replica sets false. Default true. */
    @WithDefault("true")
    boolean enabled();

    /** Fallback poll for runnable jobs (retries coming due, missed wake-ups). Default 1s. */
    @WithDefault("1s")
    Duration pollInterval();

    /** How long a claimed job is leased before the rescuer may take it back. Default 60s. */
    @WithDefault("60s")
    Duration leaseDuration();

    /** How often held leases are renewed; well under the lease duration. Default 15s. */
    @WithDefault("15s")
    Duration heartbeatInterval();

    /** How often expired leases are looked for. Default 10s. */
    @WithDefault("10s")
    Duration rescueInterval();

    /** On shutdown, how long in-flight jobs may take to finish before they are released to the queue. Default 20s. */
    @WithDefault("20s")
    Duration drainTimeout();

    /**
     * How long a finished job's result may wait to be stored with others in one statement
     * and one commit; 0 stores each at once. Default 5ms: little beside a model call, and
     * under load a commit then carries many jobs.
     */
    @WithDefault("5ms")
    Duration completionTick();

    /** Most results stored by one statement. Default 500. */
    @WithDefault("500")
    int completionMaxRows();

    Retry retry();

    interface Retry {

        /** Wait before the first retry. Default 2s. */
        @WithDefault("2s")
        Duration initialDelay();

        /** Longest wait between retries. Default 5m. */
        @WithDefault("5m")
        Duration maxDelay();
    }
}
