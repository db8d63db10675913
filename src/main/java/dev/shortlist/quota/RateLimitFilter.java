package dev.shortlist.quota;

import dev.shortlist.observability.SecurityMetrics;
import dev.shortlist.security.Caller;
import dev.shortlist.security.CallerContext;
import dev.shortlist.security.SecurityAudit;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Rate limits per key and route class ({@code submit}, {@code upload}, {@code read}),
 * right after authentication so the caller's own limits are known. Every limited
 * response carries {@code RateLimit-Limit}, {@code RateLimit-Remaining} and
 * {@code RateLimit-Reset} (seconds until the bucket is full again); a refusal is a 429
 * whose {@code Retry-After} is the wait for the next token.
 */
public class RateLimitFilter {

    private static final String APPLIED = RateLimitFilter.class.getName() + ".applied";

    /** The limit a request was counted against, for its response's headers. */
    private record Applied(int limit, Bucket bucket) {
    }

    private final TokenBuckets buckets;
    private final Limits limits;
    private final CallerContext callers;
    private final SecurityAudit audit;
    private final SecurityMetrics metrics;

    RateLimitFilter(TokenBuckets buckets, Limits limits, CallerContext callers, SecurityAudit audit, SecurityMetrics metrics) {
        this.buckets = buckets;
        this.limits = limits;
        this.callers = callers;
        this.audit = audit;
        this.metrics = metrics;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 100)
    public Uni<Void> limit(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/")) {
            return Uni.createFrom().voidItem();
        }
        Caller caller = callers.current();
        RouteClass route = RouteClass.of(request.getMethod(), path);
        int limit = limits.perMinute(route, caller.limits());
        return buckets.take(bucketKey(route, caller), limit, limits.config().minute()).invoke(bucket -> {
            request.setProperty(APPLIED, new Applied(limit, bucket));
            if (!bucket.allowed()) {
                metrics.rateLimitRejected(route.label());
                audit.record(SecurityAudit.RATE_LIMITED, caller.owner(), ClientAddress.of(http),
                        Map.of("routeClass", route.label(), "limit", limit, "method", request.getMethod(), "path", path));
                throw new LimitExceeded("rate-limited", "Rate limit reached",
                        "You may make " + limit + " " + route.label() + " requests per minute; retry after the Retry-After seconds",
                        bucket.untilToken());
            }
        }).replaceWithVoid();
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(APPLIED) instanceof Applied applied) {
            response.getHeaders().putSingle("RateLimit-Limit", applied.limit());
            response.getHeaders().putSingle("RateLimit-Remaining", Math.max(0, applied.bucket().remaining()));
            response.getHeaders().putSingle("RateLimit-Reset", Bucket.seconds(applied.bucket().untilFull()));
        }
    }

    static String bucketKey(RouteClass route, Caller caller) {
        return "rate:" + route.label() + ":" + caller.owner();
    }
}
