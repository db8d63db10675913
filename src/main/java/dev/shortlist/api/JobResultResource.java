package dev.shortlist.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shortlist.documents.rendering.MarkdownScoreReport;
import dev.shortlist.documents.rendering.ResumeRenderer;
import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobService;
import dev.shortlist.jobs.JobStatus;
import dev.shortlist.jobs.JobType;
import dev.shortlist.security.CallerContext;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * A succeeded job's result to download: as JSON, or as a document. Tailored and generated
 * resumes are Markdown already; a score becomes a report. PDF and DOCX are rendered from
 * that Markdown on the renderer's own pool. No {@code @Produces}: the format is chosen
 * here, so an Accept we cannot serve gets a problem that lists what we can.
 */
@Path("/api/v1/jobs/{id}/result")
@Tag(name = "Jobs")
public class JobResultResource {

    private final JobService jobs;
    private final CallerContext callers;
    private final ResumeRenderer renderer;

    public JobResultResource(JobService jobs, CallerContext callers, ResumeRenderer renderer) {
        this.jobs = jobs;
        this.callers = callers;
        this.renderer = renderer;
    }

    @GET
    @Operation(summary = "A succeeded job's result as JSON, Markdown, PDF or DOCX",
            description = "Choose with Accept (application/json, text/markdown, application/pdf, "
                    + "application/vnd.openxmlformats-officedocument.wordprocessingml.document) or ?format=json|markdown|pdf|docx, "
                    + "which wins. Tailored and generated resumes come as the resume itself; a score as a readable report.")
    @APIResponse(responseCode = "200", description = "The result", content = {
            @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT)),
            @Content(mediaType = "text/markdown", schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @APIResponse(responseCode = "404", description = "No such job for this caller")
    @APIResponse(responseCode = "406", description = "The format asked for is not offered; the problem lists those that are")
    @APIResponse(responseCode = "409", description = "The job has not succeeded (queued, running, failed or cancelled)")
    public Uni<Response> result(@RestPath UUID id,
            @Parameter(description = "json, markdown, pdf or docx; overrides Accept") @RestQuery String format,
            HttpHeaders headers) {
        ResultFormat wanted = ResultFormat.negotiate(format, () -> headers.getAcceptableMediaTypes());
        return jobs.find(callers.owner(), id)
                .chain(job -> render(succeeded(job), wanted));
    }

    private static Job succeeded(Job job) {
        if (job.status() != JobStatus.SUCCEEDED) {
            throw new JobResultUnavailableException(job.id(), job.status());
        }
        return job;
    }

    private Uni<Response> render(Job job, ResultFormat format) {
        if (format == ResultFormat.JSON) {
            return Uni.createFrom().item(answer(job, format, job.result()));
        }
        String markdown = markdownOf(job).orElseThrow(() -> new ResultFormatNotAcceptableException("format",
                "this " + job.type().wireName() + " job's result is only offered as json", List.of(ResultFormat.JSON)));
        return switch (format) {
            case PDF -> renderer.pdf(markdown).map(pdf -> answer(job, format, pdf));
            case DOCX -> renderer.docx(markdown).map(docx -> answer(job, format, docx));
            default -> Uni.createFrom().item(answer(job, format, markdown));
        };
    }

    /** The resume a tailor or generate job wrote, or the report of a score. */
    static Optional<String> markdownOf(Job job) {
        JsonNode result = job.result();
        if (result == null || !result.isObject()) {
            return Optional.empty();
        }
        if (job.type() == JobType.SCORE) {
            return Optional.of(MarkdownScoreReport.markdown(result));
        }
        JsonNode resume = result.path("resumeMarkdown");
        return resume.isTextual() && !resume.asText().isBlank() ? Optional.of(resume.asText()) : Optional.empty();
    }

    private static Response answer(Job job, ResultFormat format, Object body) {
        return Response.ok(body, format.contentType())
                .header("Content-Disposition", format.contentDisposition(job.id()))
                .header("Vary", "Accept")
                .build();
    }
}
