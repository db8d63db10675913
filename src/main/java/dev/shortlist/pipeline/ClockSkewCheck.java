package dev.shortlist.pipeline;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Job writes take their time from this replica's clock (see {@code jobs.JobWrites}), so
 * replicas must agree on the time. At start-up this compares the clock with the
 * database's and warns when they differ by more than {@link #TOLERANCE}: a sign the
 * host's clock is not synchronised.
 */
@ApplicationScoped
class ClockSkewCheck {

    static final Duration TOLERANCE = Duration.ofSeconds(2);

    private final Pool pool;
    private final Clock clock;

    ClockSkewCheck(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    void check(@Observes StartupEvent event) {
        Instant before = clock.instant();
        pool.query("SELECT now() AS now").execute().subscribe().with(result -> {
            Instant after = clock.instant();
            Instant database = result.iterator().next().getOffsetDateTime("now").toInstant();
            // The database's time was read somewhere between before and after.
            Instant ours = before.plus(Duration.between(before, after).dividedBy(2));
            Duration skew = Duration.between(database, ours).abs();
            if (skew.compareTo(TOLERANCE) > 0) {
                Log.warnf("This host's clock differs from the database's by %d ms; keep replicas' clocks synchronised (NTP),"
                        + " as retries and lease expiry are judged by them", skew.toMillis());
            }
        }, failure -> Log.debugf("Clock check skipped: %s", failure.getMessage()));
    }
}
