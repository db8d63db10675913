package dev.shortlist.observability;

import dev.shortlist.jobs.SubmitBacklog;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * PostgreSQL gates readiness: it holds every job, and without it nothing can be accepted.
 * One {@code SELECT 1} through the service's own pool with a short timeout, so readiness
 * turns DOWN within about a second of the database going away (or of the pool being
 * saturated, when requests would wait too) and UP on the first check after it is back.
 * It replaces Quarkus' own check, which blocks a worker thread for up to 20 seconds.
 * Submits waiting for their insert longer than that second count as the database not
 * taking work, even while a {@code SELECT 1} still gets through.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {

    static final Duration QUERY_WAIT = Duration.ofSeconds(1);

    private final Pool pool;
    private final SubmitBacklog submits;

    public DatabaseReadiness(Pool pool, SubmitBacklog submits) {
        this.pool = pool;
        this.submits = submits;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        Duration submitWait = submits.oldestWait();
        if (submitWait.compareTo(QUERY_WAIT) > 0) {
            return Uni.createFrom().item(HealthCheckResponse.named("PostgreSQL").down()
                    .withData("cause", "submits waiting " + submitWait.toMillis() + " ms for their insert").build());
        }
        return pool.query("SELECT 1").execute()
                .ifNoItem().after(QUERY_WAIT).fail()
                .map(rows -> HealthCheckResponse.named("PostgreSQL").up().build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named("PostgreSQL").down()
                        .withData("cause", failure.getClass().getSimpleName() + ": " + failure.getMessage())
                        .build());
    }
}
