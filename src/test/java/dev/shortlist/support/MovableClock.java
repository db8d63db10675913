package dev.shortlist.support;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's clock in tests: the system's, moved forward when a test says so, so a
 * test waits for a lease to expire or a retry to come due without sleeping; frozen when
 * a test must compare instants that a loaded machine would otherwise let drift. Tests
 * that move or freeze it put it back afterwards ({@link #reset()}).
 */
@Singleton
public class MovableClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    /** The instant time stands still at, or null while it runs. */
    private final AtomicReference<Instant> frozenAt = new AtomicReference<>();

    /** Stops time where it is now; only {@link #advance} moves it until {@link #reset()}. */
    public void freeze() {
        frozenAt.set(Instant.now());
    }

    /** Moves time forward for everything that reads this clock. */
    public void advance(Duration by) {
        offset.accumulateAndGet(by, Duration::plus);
    }

    public void reset() {
        frozenAt.set(null);
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        Instant frozen = frozenAt.get();
        return (frozen == null ? Instant.now() : frozen).plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("the service's clock is UTC");
    }
}
