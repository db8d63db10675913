package dev.shortlist.observability;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the Redis users (cache, quota) last saw of Redis. After a failure they go around
 * Redis for a short pause instead of each paying a timeout; readiness reports it.
 */
@ApplicationScoped
public class RedisAvailability {

    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);

    private final Clock clock;
    private final AtomicReference<Instant> bypassUntil = new AtomicReference<>(Instant.MIN);
    private volatile String lastFailure;

    public RedisAvailability(Clock clock) {
        this.clock = clock;
    }

    /** False while Redis is known to be failing; callers then use their degraded path. */
    public boolean usable() {
        return clock.instant().isAfter(bypassUntil.get());
    }

    public void failed(Throwable failure) {
        lastFailure = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        bypassUntil.set(clock.instant().plus(PAUSE_AFTER_FAILURE));
    }

    public void succeeded() {
        lastFailure = null;
    }

    /** Why Redis was last found failing, or null when the last call worked. */
    public String lastFailure() {
        return lastFailure;
    }
}
