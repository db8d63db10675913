package dev.shortlist.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.documents.DocumentService;
import dev.shortlist.jobs.InvalidInputException;
import dev.shortlist.jobs.JobCursor;
import dev.shortlist.jobs.JobFilter;
import dev.shortlist.jobs.JobService;
import dev.shortlist.jobs.JobStatus;
import dev.shortlist.jobs.JobSubmission;
import dev.shortlist.jobs.JobType;
import dev.shortlist.jobs.Priority;
import dev.shortlist.lifecycle.Deletions;
import dev.shortlist.postings.PostingService;
import dev.shortlist.security.Caller;
import dev.shortlist.security.CallerContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

@Path("/api/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs")
public class JobResource {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;

    private final JobService jobs;
    private final CallerContext callers;
    private final DocumentService documents;
    private final ObjectMapper json;
    private final Deletions deletions;
    private final PostingService postings;

    public JobResource(JobService jobs, CallerContext callers, DocumentService documents, ObjectMapper json,
            Deletions deletions, PostingService postings) {
        this.jobs = jobs;
        this.postings = postings;
        this.deletions = deletions;
        this.callers = callers;
        this.documents = documents;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a job", description = "Accepted at once; poll the Location or stream its events for the outcome. "
            + "With an Idempotency-Key, repeating the same request returns the same job (200).")
    @APIResponse(responseCode = "202", description = "Accepted: the job is stored and queued")
    @APIResponse(responseCode = "200", description = "The job an earlier request with this Idempotency-Key created")
    @APIResponse(responseCode = "400", description = "The request names the fields that are wrong")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request, or "
            + "jobDescription.postingId names no posting of yours")
    @APIResponse(responseCode = "429", description = "Your queue is full; Retry-After says when to try again")
    public Uni<RestResponse<JobView>> submit(@NotNull(message = "a JSON body is required") @Valid SubmitJobRequest request,
            @HeaderParam("Idempotency-Key") String idempotencyKey, UriInfo uri) {
        Caller caller = callers.current();
        JobSubmission submission = toSubmission(request, idempotencyKey);
        return documents.inlineTexts(caller, submission.input())
                .chain(() -> postings.inlineText(caller, submission.input().path("jobDescription"), "jobDescription"))
                .chain(() -> jobs.submit(caller, submission))
                .map(submitted -> acceptedOrReplayed(submitted.created(), submitted.job().id(), JobView.of(submitted.job()), uri));
    }

    /** 202 for what this request created, 200 for what an earlier one with its Idempotency-Key did; Location either way. */
    static <T> RestResponse<T> acceptedOrReplayed(boolean created, UUID id, T view, UriInfo uri) {
        var response = created ? RestResponse.ResponseBuilder.<T>accepted() : RestResponse.ResponseBuilder.<T>ok();
        return response.location(uri.getAbsolutePathBuilder().path(id.toString()).build()).entity(view).build();
    }

    @GET
    @Operation(summary = "Your jobs, newest first", description = "Filter by status, type or batch; follow nextCursor for the next page.")
    public Uni<JobListView> list(@RestQuery String status, @RestQuery String type, @RestQuery UUID batch,
            @RestQuery Integer limit, @RestQuery String cursor) {
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_PAGE);
        }
        JobFilter filter = new JobFilter(parse(status, "status", JobStatus.class), parse(type, "type", JobType.class), batch);
        return jobs.list(callers.current(), filter, cursor == null ? null : JobCursor.decode(cursor), size)
                .map(JobListView::of);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A job's status, progress, and result or error")
    @APIResponse(responseCode = "200", description = "The job")
    @APIResponse(responseCode = "404", description = "No such job for this caller")
    public Uni<JobView> get(@RestPath UUID id) {
        return jobs.find(callers.current(), id).map(JobView::of);
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a queued or running job", description = "A cancelled job is never later marked succeeded.")
    @APIResponse(responseCode = "200", description = "The cancelled job")
    @APIResponse(responseCode = "409", description = "The job already ended")
    public Uni<JobView> cancel(@RestPath UUID id) {
        return jobs.cancel(callers.current(), id).map(JobView::of);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a job", description = "Its input, result and cached result are deleted, not hidden. "
            + "A running job is abandoned. In a batch, the batch shrinks by one.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such job for this caller")
    public Uni<RestResponse<Void>> delete(@RestPath UUID id) {
        return deletions.deleteJob(callers.current(), id).replaceWith(RestResponse.noContent());
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @VisibleJob
    @Operation(summary = "Server-sent events: the job at each change of state or progress, until it ends")
    @APIResponse(responseCode = "404", description = "No such job for this caller")
    public Multi<JobView> events(@RestPath UUID id) {
        Caller caller = callers.current();
        return jobs.find(caller, id).onItem().transformToMulti(job -> jobs.follow(caller, job)).map(JobView::of);
    }

    private static <E extends Enum<E>> E parse(String value, String field, Class<E> type) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "'" + value + "' is not one of "
                    + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    /** {@code {"text": ...}}, {@code {"documentId": ...}} or {@code {"postingId": ...}}; the text is filled in before submit. */
    private static void putText(ObjectNode input, String field, SubmitJobRequest.TextInput given) {
        if (given == null) {
            return;
        }
        ObjectNode node = input.putObject(field);
        if (given.documentId() != null) {
            node.put("documentId", given.documentId().toString());
        } else if (given.postingId() != null) {
            node.put("postingId", given.postingId().toString());
        } else {
            node.put("text", given.text());
        }
    }

    private JobSubmission toSubmission(SubmitJobRequest request, String idempotencyKey) {
        if (request.resume() != null && request.resume().postingId() != null) {
            throw new InvalidInputException("resume.postingId", "names a job posting; a resume is text or documentId");
        }
        ObjectNode input = json.createObjectNode();
        putText(input, "resume", request.resume());
        putText(input, "jobDescription", request.jobDescription());
        if (request.profile() != null) {
            input.set("profile", request.profile());
        }
        input.set("options", request.options() == null ? json.createObjectNode() : request.options());
        Priority priority = request.priority() == null ? Priority.NORMAL : request.priority();
        return new JobSubmission(request.type(), priority, input, idempotencyKey);
    }

    @jakarta.inject.Inject
    dev.shortlist.jobs.JobRetries retries;

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Run your failed or cancelled job again", description = "The job is queued again with its attempts "
            + "reset, as a new job for your limits (daily quota, queue). Audited. With an Idempotency-Key, sending the same "
            + "retry again answers with the job as it stands (200) instead of retrying it twice.")
    @APIResponse(responseCode = "200", description = "The job, queued again (or as this Idempotency-Key's retry left it)")
    @APIResponse(responseCode = "400", description = "The Idempotency-Key is blank or too long")
    @APIResponse(responseCode = "404", description = "No such job for this caller")
    @APIResponse(responseCode = "409", description = "The job is queued, running or succeeded: only a failed or cancelled job is retried")
    @APIResponse(responseCode = "429", description = "Your daily quota or queue is full")
    public Uni<JobView> retry(@RestPath UUID id, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return retries.retry(callers.current(), id, idempotencyKey).map(JobView::of);
    }
}
