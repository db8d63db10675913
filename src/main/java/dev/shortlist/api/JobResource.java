package dev.shortlist.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.documents.DocumentService;
import dev.shortlist.jobs.JobService;
import dev.shortlist.jobs.JobSubmission;
import dev.shortlist.jobs.Priority;
import dev.shortlist.security.Caller;
import dev.shortlist.security.CallerContext;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs")
public class JobResource {

    private final JobService jobs;
    private final CallerContext callers;
    private final DocumentService documents;
    private final ObjectMapper json;

    public JobResource(JobService jobs, CallerContext callers, DocumentService documents, ObjectMapper json) {
        this.jobs = jobs;
        this.callers = callers;
        this.documents = documents;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a job", description = "Accepted at once; poll the Location or stream its events for the outcome.")
    @APIResponse(responseCode = "202", description = "Accepted: the job is stored and queued")
    @APIResponse(responseCode = "400", description = "The request names the fields that are wrong")
    public Uni<RestResponse<JobView>> submit(@NotNull(message = "a JSON body is required") @Valid SubmitJobRequest request,
            UriInfo uri) {
        Caller caller = callers.current();
        JobSubmission submission = toSubmission(request);
        return documents.inlineTexts(caller, submission.input())
                .chain(() -> jobs.submit(caller, submission))
                .map(JobView::of)
                .map(view -> RestResponse.ResponseBuilder.<JobView>accepted()
                        .location(uri.getAbsolutePathBuilder().path(view.id().toString()).build())
                        .entity(view)
                        .build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A job's status, progress, and result or error")
    @APIResponse(responseCode = "200", description = "The job")
    @APIResponse(responseCode = "404", description = "No such job for this caller")
    public Uni<JobView> get(@RestPath UUID id) {
        return jobs.find(callers.current(), id).map(JobView::of);
    }

    /** {@code {"text": ...}} or {@code {"documentId": ...}}; the document's text is filled in before submit. */
    private static void putText(ObjectNode input, String field, SubmitJobRequest.TextInput given) {
        if (given == null) {
            return;
        }
        ObjectNode node = input.putObject(field);
        if (given.documentId() != null) {
            node.put("documentId", given.documentId().toString());
        } else {
            node.put("text", given.text());
        }
    }

    private JobSubmission toSubmission(SubmitJobRequest request) {
        ObjectNode input = json.createObjectNode();
        putText(input, "resume", request.resume());
        putText(input, "jobDescription", request.jobDescription());
        input.set("options", request.options() == null ? json.createObjectNode() : request.options());
        Priority priority = request.priority() == null ? Priority.NORMAL : request.priority();
        return new JobSubmission(request.type(), priority, input);
    }
}
