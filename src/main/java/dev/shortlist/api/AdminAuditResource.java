package dev.shortlist.api;

import dev.shortlist.platform.problem.InvalidInputException;
import dev.shortlist.security.AuditEvents;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Security events for admins: failed authentication, rate-limit and quota refusals, key changes, injection flags. */
@RolesAllowed("admin")
@Path("/api/v1/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin")
public class AdminAuditResource {

    private static final int MAX_LIMIT = 500;

    /** A page of events, newest first, and the cursor of the next page (null on the last). */
    @Schema(name = "AuditPage")
    public record AuditPage(List<AuditEvents.Event> items, String nextCursor) {
    }

    private final AuditEvents events;

    public AdminAuditResource(AuditEvents events) {
        this.events = events;
    }

    @GET
    @Operation(summary = "Security events, newest first", description = "kind: auth_failed, forbidden, rate_limited, "
            + "quota_exceeded, key_created, key_revoked, prompt_injection")
    public Uni<AuditPage> list(@QueryParam("kind") String kind, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (kind != null && !kind.matches("[a-z_]{1,40}")) {
            throw new InvalidInputException("kind", "must be an event kind such as auth_failed");
        }
        Long before = null;
        if (cursor != null) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("cursor", "is not a cursor this service gave out");
            }
        }
        return events.page(kind, before, limit + 1).map(found -> found.size() > limit
                ? new AuditPage(found.subList(0, limit), String.valueOf(found.get(limit - 1).id()))
                : new AuditPage(found, null));
    }
}
