package dev.shortlist.api;

import dev.shortlist.quota.Usage;
import dev.shortlist.quota.UsageReport;
import dev.shortlist.security.CallerContext;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Usage")
public class UsageResource {

    private final UsageReport report;
    private final CallerContext callers;

    public UsageResource(UsageReport report, CallerContext callers) {
        this.report = report;
        this.callers = callers;
    }

    @GET
    @Operation(summary = "Your rate limits and daily quotas: limit, used, remaining and when each resets",
            description = "Rate limits are per minute and route class (submit, upload, read); quotas count jobs per UTC day.")
    public Uni<Usage> usage() {
        return report.of(callers.current());
    }
}
