package dev.shortlist.api;

import dev.shortlist.notifications.WebhookEndpoints;
import dev.shortlist.security.CallerContext;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** Webhook endpoints of the caller's key: register, list, delete, and each one's delivery log. */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class WebhookResource {

    private static final int MAX_PAGE = 200;

    /** Where to send which events; all three events when none are named, every job and batch unless scoped. */
    @Schema(name = "CreateWebhook")
    public record CreateWebhookRequest(
            @NotBlank @Size(max = 2000) String url,
            @Size(max = 3) @Schema(description = "job.succeeded, job.failed, batch.completed (default: all)") List<String> events,
            @Schema(description = "Only this batch's events") UUID batchId,
            @Schema(description = "Only this job's events") UUID jobId) {
    }

    public record DeliveryPage(List<WebhookEndpoints.Delivery> items, String nextCursor) {
    }

    private final WebhookEndpoints endpoints;
    private final CallerContext callers;

    public WebhookResource(WebhookEndpoints endpoints, CallerContext callers) {
        this.endpoints = endpoints;
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a webhook endpoint", description = "The answer carries the signing secret, once. "
            + "URLs that lead to private, loopback, link-local or metadata addresses are refused.")
    @APIResponse(responseCode = "201", description = "Registered; Location names it, and the answer carries its secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookEndpoints.Endpoint.class)))
    public Uni<RestResponse<WebhookEndpoints.Endpoint>> create(
            @NotNull(message = "a JSON body is required") @Valid CreateWebhookRequest request, UriInfo uri) {
        return endpoints.register(callers.current(), request.url(), request.events(), request.batchId(), request.jobId())
                .map(created -> RestResponse.ResponseBuilder.<WebhookEndpoints.Endpoint>created(
                        uri.getAbsolutePathBuilder().path(created.id().toString()).build()).entity(created).build());
    }

    @GET
    @Operation(summary = "The caller's webhook endpoints, without their secrets")
    public Uni<List<WebhookEndpoints.Endpoint>> list() {
        return endpoints.list(callers.current());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a webhook endpoint", description = "Its undelivered events and its log go with it.")
    public Uni<RestResponse<Void>> delete(@RestPath UUID id) {
        return endpoints.delete(callers.current(), id).map(found -> {
            if (!found) {
                throw new NotFoundException();
            }
            return RestResponse.noContent();
        });
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "The endpoint's delivery attempts, newest first")
    public Uni<DeliveryPage> deliveries(@RestPath UUID id, @RestQuery Long cursor, @RestQuery Integer limit) {
        int size = limit == null ? 50 : Math.max(1, Math.min(limit, MAX_PAGE));
        return endpoints.deliveries(callers.current(), id, cursor, size).map(found -> {
            List<WebhookEndpoints.Delivery> page = found.orElseThrow(NotFoundException::new);
            String next = page.size() == size ? String.valueOf(page.get(page.size() - 1).id()) : null;
            return new DeliveryPage(page, next);
        });
    }
}
