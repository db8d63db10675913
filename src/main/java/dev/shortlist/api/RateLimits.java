package dev.shortlist.api;

import dev.shortlist.platform.problem.ProblemException;
import dev.shortlist.platform.quota.Allowance;
import dev.shortlist.platform.quota.LimitsConfig;
import dev.shortlist.platform.quota.RateLimitedException;
import dev.shortlist.platform.quota.RequestLimits;
import dev.shortlist.platform.quota.RouteClass;
import dev.shortlist.security.Caller;
import dev.shortlist.security.CallerContext;
import dev.shortlist.security.ClientAddress;
import dev.shortlist.security.SecurityAudit;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Map;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Rate limits every API request by its caller's key and route class (submit, upload,
 * read), and by its client address, once the caller is known: per minute, per hour and per
 * day, all in one take. It tells the caller where it stands: every limited answer carries
 * {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} of the
 * tightest limit; a refusal is a 429 naming the window, with {@code Retry-After}.
 */
public class RateLimits {

    private static final String ALLOWANCE = RateLimits.class.getName() + ".allowance";

    private final RequestLimits limits;
    private final LimitsConfig config;
    private final CallerContext callers;
    private final SecurityAudit audit;
    private final MeterRegistry registry;

    RateLimits(RequestLimits limits, LimitsConfig config, CallerContext callers, SecurityAudit audit, MeterRegistry registry) {
        this.limits = limits;
        this.config = config;
        this.callers = callers;
        this.audit = audit;
        this.registry = registry;
    }

    /**
     * A job submission (or a posting, which is one job description) larger than its cap is
     * refused before it is read (the server-wide cap is sized for batches).
     */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 10)
    public Uni<RestResponse<Void>> capJobBodies(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if ("POST".equals(request.getMethod()) && (path.equals("/api/v1/jobs") || path.equals("/api/v1/postings"))
                && request.getLength() > config.jobBodyMaxBytes()) {
            return Uni.createFrom().failure(new BodyTooLarge(
                    "a job submission may be at most " + config.jobBodyMaxBytes() + " bytes; this one is " + request.getLength()));
        }
        return Uni.createFrom().nullItem();
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 10)
    public Uni<RestResponse<Void>> limit(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!config.enabled() || !path.startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
        Caller caller = callers.current();
        RouteClass routeClass = routeClass(request.getMethod(), path);
        return limits.take(caller.owner(), ClientAddress.of(http), routeClass, caller.limits()).map(verdict -> {
            request.setProperty(ALLOWANCE, verdict.tightest());
            if (!verdict.allowed()) {
                registry.counter("shortlist_rate_limit_rejections", "route_class", routeClass.wireName(), "window", verdict.refusedBy())
                        .increment();
                audit.record(SecurityAudit.RATE_LIMITED, caller.owner(), null, Map.of("routeClass", routeClass.wireName(),
                        "window", verdict.refusedBy(), "limit", verdict.tightest().limit(), "path", path));
                throw new RateLimitedException(verdict.refusedBy(), verdict.message(), verdict.tightest());
            }
            return null;
        });
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        // A refusal by a quota further in (documents or resumes per hour) already carries that quota's headers.
        if (request.getProperty(ALLOWANCE) instanceof Allowance allowance && !response.getHeaders().containsKey("RateLimit-Limit")) {
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
            // A retry queues a job again: a submit for the limits.
            if (path.equals("/api/v1/jobs") || path.equals("/api/v1/batches")
                    || (path.startsWith("/api/v1/jobs/") && path.endsWith("/retry"))) {
                return RouteClass.SUBMIT;
            }
            // Storing a posting reads it with the engine (embeddings): ingestion, like an upload. A bulk
            // upload is one unit however many files it holds; its documents are counted in BulkUploads.
            if (path.equals("/api/v1/documents") || path.equals("/api/v1/postings") || path.equals("/api/v1/documents/bulk")) {
                return RouteClass.UPLOAD;
            }
        }
        return RouteClass.READ;
    }
}
