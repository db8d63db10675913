package dev.shortlist.security;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every API request before its resource, rate limit or ownership check runs
 * (authentication is otherwise lazy, so that its failures reach the problem+json mapper), and
 * makes the caller available through {@link CallerContext}.
 */
public class CallerFilter {

    private final CurrentIdentityAssociation identity;
    private final CallerContext callers;

    CallerFilter(CurrentIdentityAssociation identity, CallerContext callers) {
        this.identity = identity;
        this.callers = callers;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<RestResponse<Void>> identify(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
        return identity.getDeferredIdentity().map(found -> {
            callers.set(CallerIdentity.callerOf(found));
            return null;
        });
    }
}
