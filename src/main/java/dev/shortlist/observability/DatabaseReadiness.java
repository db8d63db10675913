package dev.shortlist.observability;

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
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {

    static final Duration QUERY_WAIT = Duration.ofSeconds(1);

    private final Pool pool;

    public DatabaseReadiness(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query("SELECT 1").execute()
                .ifNoItem().after(QUERY_WAIT).fail()
                .map(rows -> HealthCheckResponse.named("PostgreSQL").up().build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named("PostgreSQL").down()
                        .withData("cause", failure.getClass().getSimpleName() + ": " + failure.getMessage())
                        .build());
    }
}
