package dev.shortlist.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobRepository;
import dev.shortlist.jobs.JobStatus;
import dev.shortlist.platform.cpu.CpuPool;
import dev.shortlist.platform.problem.NotFoundException;
import dev.shortlist.platform.problem.ProblemException;
import dev.shortlist.security.CallerContext;
import dev.shortlist.security.ClientAddress;
import dev.shortlist.security.PiiRedactor;
import dev.shortlist.security.Redaction;
import dev.shortlist.security.ResultTexts;
import dev.shortlist.security.SecurityAudit;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Reveals who a blind job's candidate is: the result with its masks put back, for an admin
 * key only, with a reason, and audited before it is answered (no audit row, no answer).
 */
@RolesAllowed("admin")
@Path("/api/v1/jobs/{id}/reveal")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs")
public class JobRevealResource {

    /** What the service stamps on a result: never the candidate's words, so never masked. */
    private static final Set<String> STAMPS = Set.of("engine", "model", "promptVersion", "redactions", "weights");

    /** Why the candidate is revealed, kept in the audit trail. */
    @Schema(name = "Reveal")
    public record RevealRequest(
            @NotBlank @Size(max = 500) @Schema(required = true, description = "Why, for the audit trail, e.g. \"invited to interview\"")
            String reason) {
    }

    private final JobRepository jobs;
    private final SecurityAudit audit;
    private final CallerContext callers;
    private final CpuPool cpu;
    private final PiiRedactor identity = new PiiRedactor();

    public JobRevealResource(JobRepository jobs, SecurityAudit audit, CallerContext callers, CpuPool cpu) {
        this.jobs = jobs;
        this.audit = audit;
        this.callers = callers;
        this.cpu = cpu;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reveal a blind job's candidate (admin keys)",
            description = "The job's result with every mask ([name], [email], [date]…) replaced by what it hid, from the "
                    + "resume the job kept: quotes come back as the resume has them. Any key's job. Audited, with the reason, "
                    + "before the answer is sent.")
    @APIResponse(responseCode = "200", description = "The unmasked result", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "ScoreResult")))
    @APIResponse(responseCode = "404", description = "No such job")
    @APIResponse(responseCode = "409", description = "The job has not succeeded, or it is not blind (its result hides nothing)")
    public Uni<ObjectNode> reveal(@RestPath UUID id, @NotNull(message = "a JSON body is required") @Valid RevealRequest request,
            HttpServerRequest http) {
        String admin = callers.owner();
        return jobs.findAnyOwner(id)
                .map(found -> blindResultOf(id, found.orElse(null)))
                .call(job -> audit.recordNow(SecurityAudit.CANDIDATE_REVEALED, admin, ClientAddress.of(http), detail(job, request)))
                .chain(job -> cpu.runAndReturn(() -> revealed(job)));
    }

    private static Job blindResultOf(UUID id, Job job) {
        if (job == null) {
            throw new NotFoundException("job", id);
        }
        if (job.status() != JobStatus.SUCCEEDED) {
            throw new JobResultUnavailableException(id, job.status());
        }
        if (!job.result().path("flags").path("blind").asBoolean(false)) {
            throw new NotBlind(id);
        }
        return job;
    }

    private static Map<String, Object> detail(Job job, RevealRequest request) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("jobId", job.id().toString());
        detail.put("jobOwner", job.owner());
        if (job.batchId() != null) {
            detail.put("batchId", job.batchId().toString());
        }
        detail.put("reason", request.reason().strip());
        return detail;
    }

    private ObjectNode revealed(Job job) {
        Redaction candidate = identity.redact(job.input().path("resume").path("text").asText(""));
        ObjectNode result = job.result().deepCopy();
        ResultTexts.rewrite(result, STAMPS, candidate::reveal);
        result.withObjectProperty("flags").put("revealed", true);
        return result;
    }

    /** A reveal of a job that is not blind: its result hides nothing. */
    static final class NotBlind extends ProblemException {
        NotBlind(UUID id) {
            super(409, "not-blind", "Not blind", "Job " + id + " did not screen blind; its result hides nothing to reveal");
        }
    }
}
