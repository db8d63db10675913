package dev.shortlist.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The dashboard's Content-Security-Policy: its pages run only the service's own scripts
 * and styles (no inline script, nothing from elsewhere) and talk only to this service.
 * Set when the headers go out, so it replaces the general policy of application.properties
 * (which only forbids framing) on the dashboard's paths alone; Swagger UI keeps its own.
 */
@ApplicationScoped
public class DashboardHeaders {

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    void register(@Observes Filters filters) {
        filters.register(context -> {
            String path = context.normalizedPath();
            if (path.equals("/") || path.equals("/index.html") || path.startsWith("/console/")) {
                context.addHeadersEndHandler(ignored -> context.response().headers().set("Content-Security-Policy", POLICY));
            }
            context.next();
        }, 100);
    }
}
