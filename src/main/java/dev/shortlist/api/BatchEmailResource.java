package dev.shortlist.api;

import dev.shortlist.jobs.BatchService;
import dev.shortlist.notifications.BatchEmailOutbox;
import dev.shortlist.security.Caller;
import dev.shortlist.security.CallerContext;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** Whether the completion emails a batch asked for have gone out. */
@Path("/api/v1/batches/{id}/emails")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Batches")
public class BatchEmailResource {

    private final BatchService batches;
    private final BatchEmailOutbox emails;
    private final CallerContext callers;

    public BatchEmailResource(BatchService batches, BatchEmailOutbox emails, CallerContext callers) {
        this.batches = batches;
        this.emails = emails;
        this.callers = callers;
    }

    @GET
    @Operation(summary = "The batch's completion emails", description = "One entry per address in notify.email: waiting "
            + "(the batch runs), pending (due, or retrying while the mail server is unreachable), sent, or failed (given up).")
    @APIResponse(responseCode = "200", description = "One entry per address", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = BatchEmailOutbox.EmailState.class)))
    @APIResponse(responseCode = "404", description = "No such batch for this caller")
    public Uni<List<BatchEmailOutbox.EmailState>> list(@RestPath UUID id) {
        Caller caller = callers.current();
        return batches.find(caller.owner(), id).chain(batch -> emails.ofBatch(batch.id(), caller.owner()));
    }
}
