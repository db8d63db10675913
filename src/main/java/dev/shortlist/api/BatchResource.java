package dev.shortlist.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shortlist.jobs.BatchFilter;
import dev.shortlist.jobs.BatchService;
import dev.shortlist.jobs.BatchStatus;
import dev.shortlist.jobs.JobCursor;
import dev.shortlist.jobs.JobType;
import dev.shortlist.jobs.Priority;
import dev.shortlist.jobs.ShortlistEntry;
import dev.shortlist.jobs.ShortlistItem;
import dev.shortlist.jobs.TailoredEntry;
import dev.shortlist.lifecycle.Deletions;
import dev.shortlist.notifications.EmailRecipients;
import dev.shortlist.platform.problem.InvalidInputException;
import dev.shortlist.security.Caller;
import dev.shortlist.security.CallerContext;
import dev.shortlist.submit.BatchSubmission;
import dev.shortlist.submit.BatchSubmitter;
import dev.shortlist.submit.GivenText;
import io.smallrye.common.annotation.Blocking;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

@Path("/api/v1/batches")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Batches")
public class BatchResource {

    static final String CSV = "text/csv";
    private static final int DEFAULT_TOP = 100;

    private final BatchService batches;
    private final CallerContext callers;
    private final ObjectMapper json;
    private final Deletions deletions;
    private final EmailRecipients recipients;
    private final BatchSubmitter submitter;

    public BatchResource(BatchService batches, CallerContext callers, ObjectMapper json, Deletions deletions,
            EmailRecipients recipients, BatchSubmitter submitter) {
        this.batches = batches;
        this.submitter = submitter;
        this.recipients = recipients;
        this.deletions = deletions;
        this.callers = callers;
        this.json = json;
    }

    /**
     * Blocking on a worker thread: a 10,000-resume body is tens of megabytes of JSON, and
     * parsing it must not hold an event loop. The inserts themselves are reactive.
     */
    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a batch", description = "One child job per resume, at bulk priority unless asked otherwise. "
            + "With an Idempotency-Key, repeating the same request (even concurrently) creates one batch and returns it (200).")
    @APIResponse(responseCode = "202", description = "Accepted: the batch and all its jobs are stored")
    @APIResponse(responseCode = "200", description = "The batch an earlier request with this Idempotency-Key created")
    @APIResponse(responseCode = "400", description = "The request names the fields that are wrong")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request, "
            + "jobDescription.postingId names no posting of yours, or an address in notify.email is not an email address")
    public Uni<RestResponse<BatchView>> submit(@NotNull(message = "a JSON body is required") @Valid SubmitBatchRequest request,
            @HeaderParam("Idempotency-Key") String idempotencyKey, UriInfo uri) {
        return submitter.submit(callers.current(), toSubmission(request, idempotencyKey))
                .map(submitted -> JobResource.acceptedOrReplayed(submitted.created(), submitted.batch().id(),
                        BatchView.of(submitted.batch()), uri));
    }

    @GET
    @Operation(summary = "Your batches, newest first", description = "Filter by status (running, completed, cancelled), "
            + "type (score, tailor) and creation time (createdAfter inclusive, createdBefore exclusive, ISO-8601); "
            + "follow nextCursor for the next page.")
    @APIResponse(responseCode = "200", description = "A page of your batches, with their counts")
    @APIResponse(responseCode = "400", description = "A filter, limit or cursor is wrong; the problem names it")
    public Uni<BatchListView> list(@RestQuery String status, @RestQuery String type, @RestQuery String createdAfter,
            @RestQuery String createdBefore, @RestQuery Integer limit, @RestQuery String cursor) {
        int size = QueryParams.pageSize(limit);
        BatchFilter filter = new BatchFilter(
                QueryParams.oneOf(status, "status", List.of(BatchStatus.values()), BatchStatus::wireName),
                QueryParams.oneOf(type, "type", List.of(JobType.SCORE, JobType.TAILOR), JobType::wireName),
                QueryParams.instant(createdAfter, "createdAfter"), QueryParams.instant(createdBefore, "createdBefore"));
        return batches.list(callers.owner(), filter, cursor == null ? null : JobCursor.decode(cursor), size)
                .map(BatchListView::of);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A batch's counts by state and progress")
    @APIResponse(responseCode = "200", description = "The batch", content = @Content(schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "404", description = "No such batch for this caller")
    public Uni<BatchView> get(@RestPath UUID id) {
        return batches.find(callers.owner(), id).map(BatchView::of);
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @VisibleBatch
    @Operation(summary = "Server-sent events: the batch's counts and progress at each change, until it ends")
    @APIResponse(responseCode = "404", description = "No such batch for this caller")
    public Multi<BatchView> events(@RestPath UUID id) {
        return batches.follow(callers.owner(), id).map(BatchView::of);
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel what has not finished")
    public Uni<BatchView> cancel(@RestPath UUID id) {
        return batches.cancel(callers.owner(), id).map(BatchView::of);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a batch and all its jobs", description = "Running jobs are abandoned; inputs, results "
            + "and cached results are deleted, not hidden.")
    public Uni<RestResponse<Void>> delete(@RestPath UUID id) {
        return deletions.deleteBatch(callers.current(), id).replaceWith(RestResponse.noContent());
    }

    @GET
    @Path("/{id}/shortlist")
    @Produces({ MediaType.APPLICATION_JSON, CSV })
    @Operation(summary = "The ranked shortlist so far", description = "Best first: a score batch by score, a tailor batch by the "
            + "ATS score after tailoring (with the score before). JSON, or CSV with Accept: text/csv or ?format=csv.")
    @APIResponse(responseCode = "200", description = "The shortlist, best first", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ShortlistView.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "top is not between 1 and 10000, or format is not json or csv")
    @APIResponse(responseCode = "404", description = "No such batch for this caller")
    public Uni<RestResponse<Object>> shortlist(@RestPath UUID id, @RestQuery Integer top, @RestQuery String format,
            HttpHeaders headers) {
        int limit = top == null ? DEFAULT_TOP : top;
        if (limit < 1 || limit > 10_000) {
            throw new InvalidInputException("top", "must be between 1 and 10000");
        }
        boolean csv = wantsCsv(format, headers);
        Caller caller = callers.current();
        return batches.shortlist(caller.owner(), id, limit)
                .map(ShortlistView::of)
                .map(view -> csv
                        ? RestResponse.ResponseBuilder.<Object>ok(ShortlistCsv.render(view.type(), view.items()), CSV + "; charset=UTF-8")
                                .header("Content-Disposition", "attachment; filename=\"shortlist-" + id + ".csv\"")
                                .build()
                        : RestResponse.ResponseBuilder.<Object>ok(view, MediaType.APPLICATION_JSON).build());
    }

    static boolean wantsCsv(String format, HttpHeaders headers) {
        if (format != null) {
            return switch (format) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new InvalidInputException("format", "must be json or csv");
            };
        }
        return headers.getAcceptableMediaTypes().stream()
                .findFirst()
                .map(type -> type.isCompatible(MediaType.valueOf(CSV)) && !type.isWildcardType())
                .orElse(false);
    }

    /** The batch as asked; the submit puts every document's and the posting's text in place. */
    private BatchSubmission toSubmission(SubmitBatchRequest request, String idempotencyKey) {
        List<BatchSubmission.Resume> resumes = new ArrayList<>(request.resumes().size());
        for (SubmitBatchRequest.ResumeItem item : request.resumes()) {
            resumes.add(new BatchSubmission.Resume(item.externalId(), new GivenText(item.text(), item.documentId(), null),
                    item.selfIdentified()));
        }
        return new BatchSubmission(request.type(), request.priority() == null ? Priority.BULK : request.priority(),
                JobResource.given(request.jobDescription()), request.options() == null ? json.createObjectNode() : request.options(),
                resumes, idempotencyKey, request.rescore() == null ? null : request.rescore().top(),
                recipients.checked(request.notifications() == null ? null : request.notifications().email(), "notify.email"));
    }

    /** CSV of a shortlist (RFC 4180, by commons-csv), safe to open in a spreadsheet; its columns follow the batch's type. */
    static final class ShortlistCsv {

        private static final int SKILLS_SHOWN = 5;
        private static final CSVFormat SCORED = CSVFormat.RFC4180.builder()
                .setHeader("rank", "externalId", "jobId", "score", "recommendation", "matchedSkills", "missingSkills",
                        "engine", "localScore")
                .get();
        private static final CSVFormat TAILORED = CSVFormat.RFC4180.builder()
                .setHeader("rank", "externalId", "jobId", "atsScoreAfter", "atsScoreBefore", "keywordsAdded", "missingKeywords",
                        "engine")
                .get();

        private ShortlistCsv() {
        }

        static String render(JobType type, List<ShortlistItem> items) {
            StringBuilder csv = new StringBuilder();
            try (CSVPrinter printer = new CSVPrinter(csv, type == JobType.TAILOR ? TAILORED : SCORED)) {
                for (ShortlistItem item : items) {
                    if (item instanceof TailoredEntry entry) {
                        printer.printRecord(entry.rank(), inert(entry.externalId()), entry.jobId(), entry.atsScoreAfter(),
                                entry.atsScoreBefore(), inert(top(entry.keywordsAdded())), inert(top(entry.missingKeywords())),
                                inert(entry.engine()));
                    } else if (item instanceof ShortlistEntry entry) {
                        printer.printRecord(entry.rank(), inert(entry.externalId()), entry.jobId(), entry.score(),
                                inert(entry.recommendation()), inert(top(entry.matchedSkills())), inert(top(entry.missingSkills())),
                                inert(entry.engine()), entry.localScore());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return csv.toString();
        }

        private static String top(List<String> skills) {
            return String.join("; ", skills.subList(0, Math.min(SKILLS_SHOWN, skills.size())));
        }

        /** A leading apostrophe before = + - @ so a spreadsheet never runs a caller-supplied value as a formula. */
        static String inert(String value) {
            return value != null && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        }
    }
}
