package dev.shortlist.api;

import dev.shortlist.lifecycle.Deletions;
import dev.shortlist.lifecycle.Retention;
import dev.shortlist.lifecycle.RetentionOverrides;
import dev.shortlist.security.CallerContext;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** Personal data on request: erasure of one candidate, retention per key, a purge run now. Admin keys only. */
@RolesAllowed("admin")
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin")
public class AdminLifecycleResource {

    private static final String PRINTABLE = "[^\\p{Cntrl}\\p{Cs}]*";
    private static final String PRINTABLE_MESSAGE = "must not contain control characters or broken Unicode";

    /** Who to erase: the external id the client gave the candidate's resume, of one owner or of every owner. */
    @Schema(name = "Erasure")
    public record ErasureRequest(
            @NotBlank @Size(max = 200) @Pattern(regexp = PRINTABLE, message = PRINTABLE_MESSAGE) String externalId,
            @Size(max = 100) @Pattern(regexp = PRINTABLE, message = PRINTABLE_MESSAGE)
            @Schema(description = "The owner (API key id) whose candidate this is; every owner's when left out") String owner) {
    }

    /** A key's retention in days. */
    @Schema(name = "Retention")
    public record RetentionRequest(@NotNull @Min(1) @Max(36_500) Integer days) {
    }

    private final Deletions deletions;
    private final RetentionOverrides overrides;
    private final Retention retention;
    private final CallerContext callers;

    public AdminLifecycleResource(Deletions deletions, RetentionOverrides overrides, Retention retention,
            CallerContext callers) {
        this.deletions = deletions;
        this.overrides = overrides;
        this.retention = retention;
        this.callers = callers;
    }

    @POST
    @Path("/erasures")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Erase one candidate", description = "Deletes every job with this external id, the documents "
            + "they were made from, their cached results and the audit events naming them; audited. Repeatable.")
    public Uni<Deletions.Erased> erase(@NotNull(message = "a JSON body is required") @Valid ErasureRequest request) {
        return deletions.eraseCandidate(callers.current(), request.externalId(), request.owner());
    }

    @PUT
    @Path("/retention/keys/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a key's retention", description = "Its finished jobs and its documents are deleted this "
            + "many days after they ended or were uploaded, instead of after the configured default.")
    public Uni<RetentionRequest> setRetention(@RestPath UUID id,
            @NotNull(message = "a JSON body is required") @Valid RetentionRequest request) {
        return overrides.set(id, request.days()).map(found -> {
            if (!found) {
                throw new NotFoundException();
            }
            return request;
        });
    }

    @DELETE
    @Path("/retention/keys/{id}")
    @Operation(summary = "Return a key to the configured retention")
    public Uni<RestResponse<Void>> clearRetention(@RestPath UUID id) {
        return overrides.clear(id).map(found -> {
            if (!found) {
                throw new NotFoundException();
            }
            return RestResponse.noContent();
        });
    }

    @POST
    @Path("/retention/purge")
    @Operation(summary = "Purge expired data now", description = "What the scheduled purge does, at once; answers what it deleted.")
    public Uni<Retention.Purged> purgeNow() {
        return retention.purge();
    }
}
