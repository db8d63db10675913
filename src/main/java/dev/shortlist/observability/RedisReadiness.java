package dev.shortlist.observability;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Redis in readiness, without gating it. Only PostgreSQL gates readiness: it holds every
 * job, and without it nothing can be accepted. Without Redis the service still accepts and
 * completes jobs (the cache is bypassed, the LLM quota is counted per replica), so taking
 * every pod out of service for it would turn a degradation into an outage. This check is
 * always UP and says {@code redis: up} or {@code redis: degraded} in its data.
 */
@Readiness
@ApplicationScoped
public class RedisReadiness implements AsyncHealthCheck {

    private static final Duration PING_WAIT = Duration.ofSeconds(1);

    private final ReactiveRedisDataSource redis;
    private final RedisAvailability availability;

    public RedisReadiness(ReactiveRedisDataSource redis, RedisAvailability availability) {
        this.redis = redis;
        this.availability = availability;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redis.execute("PING")
                .ifNoItem().after(PING_WAIT).fail()
                .map(pong -> HealthCheckResponse.named("Redis").up().withData("redis", "up").build())
                .onFailure().recoverWithItem(failure -> {
                    availability.failed(failure);
                    return HealthCheckResponse.named("Redis").up()
                            .withData("redis", "degraded")
                            .withData("effect", "result cache bypassed; LLM quota counted per replica")
                            .withData("cause", String.valueOf(failure.getMessage()))
                            .build();
                });
    }
}
