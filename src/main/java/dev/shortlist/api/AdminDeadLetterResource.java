package dev.shortlist.api;

import dev.shortlist.jobs.DeadLetter;
import dev.shortlist.jobs.DeadLetterFilter;
import dev.shortlist.jobs.DeadLetters;
import dev.shortlist.jobs.JobCursor;
import dev.shortlist.jobs.JobError;
import dev.shortlist.jobs.JobType;
import dev.shortlist.jobs.ReplayOutcome;
import dev.shortlist.platform.problem.InvalidInputException;
import dev.shortlist.security.CallerContext;
import dev.shortlist.security.SecurityAudit;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/** Failed jobs of every owner, and their replay. Admin keys only (checked before any of this runs). */
@RolesAllowed("admin")
@Path("/api/v1/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin")
public class AdminDeadLetterResource {

    static final String REPLAYED = "dead_letters_replayed";
    private static final int MAX_LIMIT = 500;

    @Schema(name = "DeadLetter")
    public record DeadLetterView(UUID id, String owner, JobType type, UUID batchId, JobError error, int attempts,
            String inputHash, Instant createdAt, Instant finishedAt,
            @Schema(description = "How often this input failed with this error code, replays included") long failuresOfInput,
            @Schema(description = "Failed too often the same way: replays skip it") boolean quarantined) {

        static DeadLetterView of(DeadLetter letter) {
            var job = letter.job();
            return new DeadLetterView(job.id(), job.owner(), job.type(), job.batchId(), job.error(), job.attempts(),
                    job.inputHash(), job.createdAt(), job.finishedAt(), letter.failuresOfInput(), letter.quarantined());
        }
    }

    @Schema(name = "DeadLetterPage")
    public record DeadLetterPage(List<DeadLetterView> items, String nextCursor) {
    }

    /** Which failed jobs to replay; every field left out matches any. */
    @Schema(name = "ReplayFilter")
    public record ReplayRequest(@Size(max = 100) String code, JobType type, @Size(max = 200) String owner, Instant since,
            Instant until) {
    }

    private final DeadLetters deadLetters;
    private final SecurityAudit audit;
    private final CallerContext callers;

    public AdminDeadLetterResource(DeadLetters deadLetters, SecurityAudit audit, CallerContext callers) {
        this.deadLetters = deadLetters;
        this.audit = audit;
        this.callers = callers;
    }

    @GET
    @Operation(summary = "Failed jobs of every owner, newest failure first",
            description = "Filter by error code, type, owner and failure time (since inclusive, until exclusive, ISO-8601).")
    public Uni<DeadLetterPage> list(@RestQuery String code, @RestQuery String type, @RestQuery String owner,
            @RestQuery String since, @RestQuery String until, @RestQuery Integer limit, @RestQuery String cursor) {
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        DeadLetterFilter filter = new DeadLetterFilter(code,
                QueryParams.oneOf(type, "type", List.of(JobType.values()), JobType::wireName), owner,
                QueryParams.instant(since, "since"), QueryParams.instant(until, "until"));
        return deadLetters.list(filter, cursor == null ? null : JobCursor.decode(cursor), size + 1).map(found -> {
            List<DeadLetterView> items = found.stream().limit(size).map(DeadLetterView::of).toList();
            String next = found.size() > size ? new JobCursor(items.get(size - 1).finishedAt(), items.get(size - 1).id()).encode() : null;
            return new DeadLetterPage(items, next);
        });
    }

    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Re-queue the failed jobs a filter matches",
            description = "With dryRun=true only counts them. Jobs whose input failed the same way too often are quarantined "
                    + "instead (shortlist.dead-letters.quarantine-after). Every real replay is audited.")
    public Uni<ReplayOutcome> replay(ReplayRequest request, @RestQuery boolean dryRun) {
        ReplayRequest given = request == null ? new ReplayRequest(null, null, null, null, null) : request;
        DeadLetterFilter filter = new DeadLetterFilter(given.code(), given.type(), given.owner(), given.since(), given.until());
        return deadLetters.replay(filter, dryRun).invoke(outcome -> {
            if (dryRun) {
                return;
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("filter", given);
            detail.put("matched", outcome.matched());
            detail.put("replayed", outcome.replayed().size());
            detail.put("quarantined", outcome.quarantined());
            audit.record(REPLAYED, callers.owner(), null, detail);
            Log.infof("Replayed %d failed jobs (%d matched, %d quarantined)", outcome.replayed().size(), outcome.matched(),
                    outcome.quarantined());
        });
    }
}
