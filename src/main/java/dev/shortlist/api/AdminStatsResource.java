package dev.shortlist.api;

import dev.shortlist.observability.SystemStats;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The system's status for operators. Admin keys only (checked before any of this runs). */
@RolesAllowed("admin")
@Path("/api/v1/admin/stats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin")
public class AdminStatsResource {

    private final SystemStats stats;

    public AdminStatsResource(SystemStats stats) {
        this.stats = stats;
    }

    @GET
    @Operation(summary = "System status", description = "Queue by state, priority and type; oldest queued job; running jobs per "
            + "replica; throughput, success rate and latency over 1, 5 and 15 minutes; LLM quota; cache hit rate; database pool.")
    public Uni<SystemStats.Status> get() {
        return stats.now();
    }
}
