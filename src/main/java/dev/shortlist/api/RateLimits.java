package dev.shortlist.api;

import dev.shortlist.problem.ProblemException;
import dev.shortlist.quota.Allowance;
import dev.shortlist.quota.LimitsConfig;
import dev.shortlist.quota.RateLimitedException;
import dev.shortlist.quota.RouteClass;
import dev.shortlist.quota.TokenBuckets;
import dev.shortlist.security.Caller;
import dev.shortlist.security.CallerContext;
import dev.shortlist.security.SecurityAudit;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Map;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Rate limits every API request by its caller's key and route class (submit, upload,
 * read), once the caller is known, and tells the caller where it stands: every limited
 * answer carries {@code RateLimit-Limit}, {@code RateLimit-Remaining} and
 * {@code RateLimit-Reset}; a refusal is a 429 with {@code Retry-After}.
 */
public class RateLimits {

    private static final String ALLOWANCE = RateLimits.class.getName() + ".allowance";

    private final TokenBuckets buckets;
    private final LimitsConfig config;
    private final CallerContext callers;
    private final SecurityAudit audit;
    private final MeterRegistry registry;

    RateLimits(TokenBuckets buckets, LimitsConfig config, CallerContext callers, SecurityAudit audit, MeterRegistry registry) {
        this.buckets = buckets;
        this.config = config;
        this.callers = callers;
        this.audit = audit;
        this.registry = registry;
    }

    /** A job submission larger than its cap is refused before it is read (the server-wide cap is sized for batches). */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 10)
    public Uni<RestResponse<Void>> capJobBodies(ContainerRequestContext request) {
        if ("POST".equals(request.getMethod()) && request.getUriInfo().getPath().equals("/api/v1/jobs")
                && request.getLength() > config.jobBodyMaxBytes()) {
            return Uni.createFrom().failure(new BodyTooLarge(
                    "a job submission may be at most " + config.jobBodyMaxBytes() + " bytes; this one is " + request.getLength()));
        }
        return Uni.createFrom().nullItem();
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 10)
    public Uni<RestResponse<Void>> limit(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!config.enabled() || !path.startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
        Caller caller = callers.current();
        RouteClass routeClass = routeClass(request.getMethod(), path);
        int limit = config.perMinute(routeClass, caller.limits());
        return buckets.take(caller.owner() + ":" + routeClass.wireName(), limit).map(allowance -> {
            request.setProperty(ALLOWANCE, allowance);
            if (!allowance.allowed()) {
                registry.counter("shortlist_rate_limit_rejections", "route_class", routeClass.wireName()).increment();
                audit.record(SecurityAudit.RATE_LIMITED, caller.owner(), null,
                        Map.of("routeClass", routeClass.wireName(), "limit", limit, "path", path));
                throw new RateLimitedException("the " + routeClass.wireName() + " rate limit of " + limit
                        + " requests per minute is used up", allowance);
            }
            return null;
        });
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(ALLOWANCE) instanceof Allowance allowance) {
            allowance.headers().forEach(response.getHeaders()::putSingle);
        }
    }

    /** A body over its route's cap. */
    static final class BodyTooLarge extends ProblemException {

        BodyTooLarge(String message) {
            super(413, "body-too-large", "Request body too large", message);
        }
    }

    static RouteClass routeClass(String method, String path) {
        if ("POST".equals(method)) {
            if (path.equals("/api/v1/jobs") || path.equals("/api/v1/batches")) {
                return RouteClass.SUBMIT;
            }
            // a bulk upload is one unit however many files it holds; its documents are counted in BulkUploads
            if (path.equals("/api/v1/documents") || path.equals("/api/v1/documents/bulk")) {
                return RouteClass.UPLOAD;
            }
        }
        return RouteClass.READ;
    }
}
