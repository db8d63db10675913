package dev.shortlist.pipeline;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a retryable failure may run again: exponential backoff with full jitter.
 * With the defaults (2 s initial, 5 min cap) attempt 1's retry waits up to 2 s,
 * attempt 2's up to 4 s, then 8 s, 16 s, ... never more than 5 min. Jitter keeps a
 * burst of failures (an LLM outage) from coming back as a burst.
 */
@ApplicationScoped
public class RetryPolicy {

    private final PipelineConfig.Retry config;
    private final Clock clock;

    public RetryPolicy(PipelineConfig config, Clock clock) {
        this.config = config.retry();
        this.clock = clock;
    }

    /** The earliest instant the job may run again after its {@code attempts}-th attempt failed. */
    public Instant nextRunAfter(int attempts) {
        return clock.instant().plus(delay(attempts));
    }

    Duration delay(int attempts) {
        long initial = config.initialDelay().toMillis();
        long cap = config.maxDelay().toMillis();
        long ceiling = attempts >= 30 ? cap : Math.min(cap, initial << Math.max(0, attempts - 1));
        // Full jitter, but never less than half the step, so a retry is not immediate.
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }
}
