package dev.shortlist.api;

import dev.shortlist.documents.postings.PostingService;
import dev.shortlist.jobs.JobCursor;
import dev.shortlist.lifecycle.Deletions;
import dev.shortlist.platform.problem.InvalidInputException;
import dev.shortlist.security.CallerContext;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/postings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Postings")
public class PostingResource {

    private final PostingService postings;
    private final CallerContext callers;
    private final Deletions deletions;

    public PostingResource(PostingService postings, CallerContext callers, Deletions deletions) {
        this.postings = postings;
        this.callers = callers;
        this.deletions = deletions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a job posting", description = "From its text or an uploaded document. The text is read once "
            + "(requirements, and embeddings for the local engine); jobs and batches then name it by "
            + "\"jobDescription\": {\"postingId\": ...} and reuse that reading.")
    @APIResponse(responseCode = "201", description = "Stored; the body shows what the engine read in it",
            content = @Content(schema = @Schema(implementation = PostingView.class)))
    @APIResponse(responseCode = "400", description = "The request names the fields that are wrong")
    public Uni<RestResponse<PostingView>> create(@NotNull(message = "a JSON body is required") @Valid CreatePostingRequest request,
            UriInfo uri) {
        return postings.create(callers.owner(),
                        new PostingService.Draft(request.title(), request.text(), request.documentId(), request.externalId()))
                .map(posting -> RestResponse.ResponseBuilder
                        .<PostingView>created(uri.getAbsolutePathBuilder().path(posting.id().toString()).build())
                        .entity(PostingView.withoutText(posting))
                        .build());
    }

    @GET
    @Operation(summary = "Your postings, newest first", description = "Follow nextCursor for the next page.")
    public Uni<PostingView.Page> list(@RestQuery Integer limit, @RestQuery String cursor) {
        int size = limit == null ? JobResource.DEFAULT_PAGE : limit;
        if (size < 1 || size > JobResource.MAX_PAGE) {
            throw new InvalidInputException("limit", "must be between 1 and " + JobResource.MAX_PAGE);
        }
        return postings.list(callers.owner(), cursor == null ? null : JobCursor.decode(cursor), size).map(PostingView.Page::of);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A posting, its text and the requirements the engine read in it")
    @APIResponse(responseCode = "200", description = "The posting, with its text",
            content = @Content(schema = @Schema(implementation = PostingView.class)))
    @APIResponse(responseCode = "404", description = "No such posting for this caller")
    public Uni<PostingView> get(@RestPath UUID id) {
        return postings.find(callers.owner(), id).map(PostingView::withText);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a posting", description = "Jobs and batches made from it keep their own copy of its text "
            + "and their results; new jobs can no longer name it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such posting for this caller")
    public Uni<RestResponse<Void>> delete(@RestPath UUID id) {
        return deletions.deletePosting(callers.current(), id).replaceWith(RestResponse.noContent());
    }
}
