package dev.shortlist.security;

import dev.shortlist.quota.Allowance;
import dev.shortlist.quota.LimitsConfig;
import dev.shortlist.quota.RateLimitedException;
import dev.shortlist.quota.TokenBuckets;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Establishes the caller of every API request from {@code Authorization: Bearer <key>},
 * before anything else runs, so every endpoint (present and future) is covered. Health,
 * metrics and the OpenAPI document stay open; the admin routes need an admin key.
 */
public class ApiKeyAuthentication {

    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;
    private final CallerContext callers;
    private final SecurityConfig config;
    private final TokenBuckets buckets;
    private final LimitsConfig limits;
    private final SecurityAudit audit;

    ApiKeyAuthentication(ApiKeys keys, CallerContext callers, SecurityConfig config, TokenBuckets buckets, LimitsConfig limits,
            SecurityAudit audit) {
        this.keys = keys;
        this.callers = callers;
        this.config = config;
        this.buckets = buckets;
        this.limits = limits;
        this.audit = audit;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<RestResponse<Void>> authenticate(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
        String clientIp = clientIp(http);
        if (!limits.enabled()) {
            return check(request, path, clientIp);
        }
        // An address that keeps failing is refused before its next guess is even looked at.
        return buckets.peek(failuresBucket(clientIp), limits.authFailuresPerMinute()).chain(allowance -> {
            if (!allowance.allowed()) {
                return Uni.createFrom().failure(tooManyFailures(allowance));
            }
            return check(request, path, clientIp).onFailure(AuthenticationFailed.class)
                    .call(failure -> counted((AuthenticationFailed) failure, path, clientIp));
        });
    }

    /** Counts a failure against the address; the one that empties its bucket is already a 429. */
    private Uni<?> counted(AuthenticationFailed failure, String path, String clientIp) {
        audit.record(failure.forbidden() ? SecurityAudit.FORBIDDEN : SecurityAudit.AUTH_FAILED,
                callers.known().map(Caller::owner).orElse(null), clientIp,
                Map.of("path", path, "reason", failure.getMessage()));
        if (failure.forbidden() || !limits.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return buckets.take(failuresBucket(clientIp), limits.authFailuresPerMinute()).invoke(allowance -> {
            if (!allowance.allowed()) {
                throw tooManyFailures(allowance);
            }
        });
    }

    private static RateLimitedException tooManyFailures(Allowance allowance) {
        return new RateLimitedException("too many failed authentications from this address", allowance);
    }

    private static String failuresBucket(String clientIp) {
        return "auth-failures:" + clientIp;
    }

    /** The peer address, or the client's as a trusted proxy reports it (quarkus.http.proxy.*). */
    private static String clientIp(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }

    private Uni<RestResponse<Void>> check(ContainerRequestContext request, String path, String clientIp) {
        boolean adminRoute = path.startsWith("/api/v1/admin/") || path.equals("/api/v1/admin");
        String authorization = request.getHeaderString("Authorization");
        if (authorization == null) {
            if (!config.anonymousAccess()) {
                return Uni.createFrom().failure(new AuthenticationFailed("an API key is required: Authorization: Bearer <key>", false));
            }
            if (adminRoute) {
                return Uni.createFrom().failure(new AuthenticationFailed("the admin routes need an admin key", false));
            }
            callers.set(Caller.ANONYMOUS);
            return Uni.createFrom().nullItem();
        }
        if (!authorization.startsWith(BEARER) || authorization.length() == BEARER.length()) {
            return Uni.createFrom().failure(new AuthenticationFailed("the Authorization header must be 'Bearer <key>'", false));
        }
        return keys.recognise(authorization.substring(BEARER.length()).strip()).map(found -> {
            ApiKey key = found.orElseThrow(() -> new AuthenticationFailed("the API key is unknown or revoked", false));
            if (adminRoute && !key.admin()) {
                throw new AuthenticationFailed("this key may not use the admin routes", true);
            }
            callers.set(key.caller());
            return null;
        });
    }
}
