package dev.shortlist.quota;

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
 * Slows key guessing: each failed authentication (401) takes a token from its client
 * IP's bucket, and while that bucket is empty the IP gets 429 before its key is even
 * looked at, so a right guess cannot be told from a wrong one.
 */
public class FailedAuthenticationLimit {

    private final TokenBuckets buckets;
    private final Limits limits;
    private final SecurityAudit audit;

    FailedAuthenticationLimit(TokenBuckets buckets, Limits limits, SecurityAudit audit) {
        this.buckets = buckets;
        this.limits = limits;
        this.audit = audit;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 100)
    public Uni<Void> refuseBlockedClients(ContainerRequestContext request, HttpServerRequest http) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return Uni.createFrom().voidItem();
        }
        return buckets.look(bucketKey(http), limit(), limits.config().minute()).invoke(bucket -> {
            if (!bucket.allowed()) {
                throw new LimitExceeded("too-many-failed-authentications", "Too many failed authentications",
                        "Too many requests from your address failed authentication; retry after the Retry-After seconds",
                        bucket.untilToken());
            }
        }).replaceWithVoid();
    }

    @ServerResponseFilter
    public Uni<Void> countFailures(ContainerRequestContext request, ContainerResponseContext response, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (response.getStatus() != 401 || !path.startsWith("/api/")) {
            return Uni.createFrom().voidItem();
        }
        audit.record(SecurityAudit.AUTHENTICATION_FAILED, null, ClientAddress.of(http),
                Map.of("method", request.getMethod(), "path", path));
        return buckets.take(bucketKey(http), limit(), limits.config().minute()).replaceWithVoid();
    }

    private int limit() {
        return limits.config().failedAuthenticationsPerMinute();
    }

    private static String bucketKey(HttpServerRequest http) {
        return "failed-auth:" + ClientAddress.of(http);
    }
}
