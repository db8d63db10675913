package dev.shortlist.llm;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter that never waits less than the server's
 * {@code Retry-After}. One instance per guarded call, so the attempt count is the call's own.
 */
@RegisterForReflection // instantiated by the fault-tolerance runtime, also in a native image
public class RetryAfterBackoff implements CustomBackoffStrategy {

    private static final long MAX_EXPONENTIAL_DELAY_MS = 30_000;

    private long initialDelayMs;
    private int attempt;

    @Override
    public void init(long initialDelayInMillis) {
        this.initialDelayMs = initialDelayInMillis;
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        long exponential = Math.min(MAX_EXPONENTIAL_DELAY_MS, initialDelayMs << Math.min(attempt++, 20));
        // Full jitter on half the delay: replicas that failed together do not retry together.
        long delay = exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        if (cause instanceof LlmUnavailableException unavailable && unavailable.retryAfter().isPresent()) {
            return Math.max(delay, unavailable.retryAfter().get().toMillis());
        }
        return delay;
    }
}
