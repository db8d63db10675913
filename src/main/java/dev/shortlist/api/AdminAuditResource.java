package dev.shortlist.api;

import dev.shortlist.jobs.InvalidInputException;
import dev.shortlist.security.AuditCursor;
import dev.shortlist.security.AuditEvent;
import dev.shortlist.security.SecurityAudit;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/** The security audit trail, newest first. Admin keys only (checked before any of this runs). */
@Path("/api/v1/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin")
public class AdminAuditResource {

    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 200;
    private static final int MAX_KIND_LENGTH = 64;

    /** One page of events; follow {@code nextCursor} (null on the last page). */
    @Schema(name = "AuditPage")
    public record AuditPage(List<AuditEvent> items, String nextCursor) {
    }

    private final SecurityAudit audit;

    public AdminAuditResource(SecurityAudit audit) {
        this.audit = audit;
    }

    @GET
    @Operation(summary = "Security events, newest first",
            description = "Failed authentication, rate-limit and quota refusals, key creation and revocation, prompt-injection "
                    + "flags. Filter with kind; follow nextCursor for the next page.")
    public Uni<AuditPage> list(@RestQuery String kind, @RestQuery Integer limit, @RestQuery String cursor) {
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_PAGE);
        }
        if (kind != null && (kind.isBlank() || kind.length() > MAX_KIND_LENGTH)) {
            throw new InvalidInputException("kind", "must be an event kind such as authentication-failed");
        }
        return audit.page(kind, cursor == null ? null : AuditCursor.decode(cursor), size)
                .map(events -> new AuditPage(events, SecurityAudit.nextCursor(events, size)));
    }
}
