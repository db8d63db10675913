package dev.shortlist.observability;

import dev.shortlist.platform.redis.RedisGuard;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Redis in readiness, without gating it. Only PostgreSQL gates readiness: it holds every
 * job, and without it nothing can be accepted. Without Redis the service still accepts and
 * completes jobs (the cache is bypassed, the LLM quota is counted per replica), so taking
 * every pod out of service for it would turn a degradation into an outage. This check is
 * always UP and says {@code redis: up} or {@code redis: degraded} in its data. It pings
 * through the guard every Redis user goes through, even during its pause, so a Redis that
 * is back is seen at once and every user learns of it.
 */
@Readiness
@ApplicationScoped
public class RedisReadiness implements AsyncHealthCheck {

    private final RedisGuard redis;

    public RedisReadiness(RedisGuard redis) {
        this.redis = redis;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redis.probe("readiness",
                ds -> ds.execute("PING").map(pong -> HealthCheckResponse.named("Redis").up().withData("redis", "up").build()),
                () -> HealthCheckResponse.named("Redis").up()
                        .withData("redis", "degraded")
                        .withData("effect", "result cache bypassed; rate limits and quotas counted per replica")
                        .withData("cause", String.valueOf(redis.lastFailure()))
                        .build());
    }
}
