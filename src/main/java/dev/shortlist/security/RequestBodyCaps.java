package dev.shortlist.security;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Per-route body caps under the global HTTP limit (which a 10,000-resume batch needs):
 * a job submit is refused (413) from its declared length, before its body is read.
 */
public class RequestBodyCaps {

    private final InputLimitsConfig config;

    RequestBodyCaps(InputLimitsConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 200)
    public Uni<Void> capJobSubmits(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod()) || !isJobSubmit(request.getUriInfo().getPath())) {
            return Uni.createFrom().voidItem();
        }
        long cap = config.maxJobBodySize().asLongValue();
        if (request.getLength() > cap) {
            return Uni.createFrom().failure(new BodyTooLarge("A job submit body may be at most " + cap + " bytes; put large resumes in documents (POST /api/v1/documents)."));
        }
        return Uni.createFrom().voidItem();
    }

    private static boolean isJobSubmit(String path) {
        return path.equals("/api/v1/jobs") || path.equals("/api/v1/jobs/");
    }
}
