package dev.shortlist.api;

import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobCursor;
import dev.shortlist.jobs.JobFilter;
import dev.shortlist.jobs.JobService;
import dev.shortlist.jobs.JobStatus;
import dev.shortlist.jobs.JobType;
import dev.shortlist.jobs.JobWatchers;
import dev.shortlist.jobs.Priority;
import dev.shortlist.lifecycle.Deletions;
import dev.shortlist.platform.problem.InvalidInputException;
import dev.shortlist.security.CallerContext;
import dev.shortlist.submit.GivenText;
import dev.shortlist.submit.JobRetries;
import dev.shortlist.submit.JobSubmission;
import dev.shortlist.submit.JobSubmitter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
    static final int MAX_IDS = 100;

    private final JobService jobs;
    private final CallerContext callers;
    private final Deletions deletions;
    private final JobSubmitter submitter;
    private final JobWatchers watchers;
    private final JobRetries retries;

    public JobResource(JobService jobs, CallerContext callers, Deletions deletions, JobSubmitter submitter,
            JobWatchers watchers, JobRetries retries) {
        this.jobs = jobs;
        this.retries = retries;
        this.submitter = submitter;
        this.watchers = watchers;
        this.deletions = deletions;
        this.callers = callers;
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
        return submitter.submit(callers.current(), toSubmission(request, idempotencyKey))
                .map(submitted -> acceptedOrReplayed(submitted.created(), submitted.job().id(), JobView.of(submitted.job()), uri));
    }

    /** 202 for what this request created, 200 for what an earlier one with its Idempotency-Key did; Location either way. */
    static <T> RestResponse<T> acceptedOrReplayed(boolean created, UUID id, T view, UriInfo uri) {
        var response = created ? RestResponse.ResponseBuilder.<T>accepted() : RestResponse.ResponseBuilder.<T>ok();
        return response.location(uri.getAbsolutePathBuilder().path(id.toString()).build()).entity(view).build();
    }

    @GET
    @Operation(summary = "Your jobs, newest first", description = "Filter by status, type or batch; follow nextCursor for the next page. "
            + "With ids=<id>,<id>,… (up to " + MAX_IDS + "), exactly those of your jobs, in the order asked, in one read; "
            + "ids of no job of yours are left out.")
    @APIResponse(responseCode = "200", description = "A page of jobs")
    @APIResponse(responseCode = "400", description = "A filter, limit or id is not valid; ids cannot be combined with other parameters")
    public Uni<JobListView> list(@RestQuery String status, @RestQuery String type, @RestQuery UUID batch,
            @RestQuery Integer limit, @RestQuery String cursor, @RestQuery String ids) {
        if (ids != null) {
            if (status != null || type != null || batch != null || limit != null || cursor != null) {
                throw new InvalidInputException("ids", "cannot be combined with status, type, batch, limit or cursor");
            }
            return jobs.findMany(callers.owner(), parseIds(ids))
                    .map(found -> new JobListView(found.stream().map(JobView::of).toList(), null));
        }
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_PAGE);
        }
        JobFilter filter = new JobFilter(parse(status, "status", JobStatus.class), parse(type, "type", JobType.class), batch);
        return jobs.list(callers.owner(), filter, cursor == null ? null : JobCursor.decode(cursor), size)
                .map(JobListView::of);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A job's status, progress and stage, and result or error",
            description = "With Prefer: wait=<seconds> (RFC 7240, up to " + LongPoll.MAX_SECONDS + "), the answer waits until the job "
                    + "has ended or the time is up, whichever comes first, and says Preference-Applied: wait=<seconds>. "
                    + "Waiting holds no thread and costs no database read.")
    @APIResponse(responseCode = "200", description = "The job")
    @APIResponse(responseCode = "400", description = "The Prefer header's wait is not a number of seconds")
    @APIResponse(responseCode = "404", description = "No such job for this caller")
    public Uni<RestResponse<JobView>> get(@RestPath UUID id, @HeaderParam("Prefer") String prefer) {
        Optional<Duration> wait = LongPoll.requested(prefer);
        Uni<Job> job = jobs.find(callers.owner(), id);
        if (wait.isEmpty()) {
            return job.map(found -> RestResponse.ok(JobView.of(found, watchers.stageOf(found))));
        }
        return job.chain(found -> watchers.awaitEnd(found, wait.get()))
                .map(found -> RestResponse.ResponseBuilder.ok(JobView.of(found, watchers.stageOf(found)))
                        .header(LongPoll.APPLIED, LongPoll.applied(wait.get()))
                        .build());
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a queued or running job", description = "A cancelled job is never later marked succeeded.")
    @APIResponse(responseCode = "200", description = "The cancelled job")
    @APIResponse(responseCode = "409", description = "The job already ended")
    public Uni<JobView> cancel(@RestPath UUID id) {
        return jobs.cancel(callers.owner(), id).map(JobView::of);
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
    @Operation(summary = "Server-sent events: the job at each change of state, progress or stage, until it ends")
    @APIResponse(responseCode = "404", description = "No such job for this caller")
    public Multi<JobView> events(@RestPath UUID id, RoutingContext request) {
        return watchers.follow(VisibleJob.Filter.visible(request)).map(job -> JobView.of(job, watchers.stageOf(job)));
    }

    /** Up to {@link #MAX_IDS} job ids, comma-separated; a 400 names the first that is not one. */
    private static List<UUID> parseIds(String ids) {
        List<UUID> parsed = new ArrayList<>();
        for (String id : ids.split(",", -1)) {
            try {
                parsed.add(UUID.fromString(id.strip()));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("ids", "'" + id.strip() + "' is not a job id");
            }
        }
        if (parsed.size() > MAX_IDS) {
            throw new InvalidInputException("ids", "names " + parsed.size() + " jobs; at most " + MAX_IDS + " at once");
        }
        return parsed;
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

    /** The text as given; the submit puts a document's or posting's text in place. */
    static GivenText given(SubmitJobRequest.TextInput input) {
        return input == null ? null : new GivenText(input.text(), input.documentId(), input.postingId());
    }

    private static JobSubmission toSubmission(SubmitJobRequest request, String idempotencyKey) {
        Priority priority = request.priority() == null ? Priority.NORMAL : request.priority();
        return new JobSubmission(request.type(), priority, given(request.resume()), given(request.jobDescription()),
                request.profile(), request.options(), idempotencyKey);
    }

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
