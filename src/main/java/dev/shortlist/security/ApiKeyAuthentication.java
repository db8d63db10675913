package dev.shortlist.security;

import io.smallrye.mutiny.Uni;
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

    ApiKeyAuthentication(ApiKeys keys, CallerContext callers, SecurityConfig config) {
        this.keys = keys;
        this.callers = callers;
        this.config = config;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<RestResponse<Void>> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
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
