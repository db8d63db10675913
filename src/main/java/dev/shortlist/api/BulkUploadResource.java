package dev.shortlist.api;

import dev.shortlist.documents.BulkPart;
import dev.shortlist.documents.DocumentService;
import dev.shortlist.documents.Upload;
import dev.shortlist.platform.problem.InvalidInputException;
import dev.shortlist.security.CallerContext;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Many resumes in one request: several multipart parts named {@code files} (each a
 * document or a zip of documents), or one zip as the body. With a job description, the
 * stored documents start a batch in the same call.
 */
@Path("/api/v1/documents/bulk")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Documents")
public class BulkUploadResource {

    private final BulkUploads uploads;
    private final DocumentService documents;
    private final CallerContext callers;

    public BulkUploadResource(BulkUploads uploads, DocumentService documents, CallerContext callers) {
        this.uploads = uploads;
        this.documents = documents;
        this.callers = callers;
    }

    /** The server spools every part to disk as it arrives; nothing here holds a file in memory. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload many resumes (PDF, DOCX, TXT, MD, or zips of them) as multipart parts named files",
            description = "Each file is stored or refused on its own, under the rules of a single upload. With "
                    + "jobDescription (and optionally type and priority) the stored documents start a batch.")
    @APIResponse(responseCode = "200", description = "Each file stored or refused")
    @APIResponse(responseCode = "202", description = "Each file stored or refused, and the batch started (Location)")
    @APIResponse(responseCode = "400", description = "A batch field is wrong, or no part named files")
    @APIResponse(responseCode = "409", description = "The same Idempotency-Key is in use by a request still being worked on")
    @APIResponse(responseCode = "422", description = "No file could be stored, or the Idempotency-Key was used for another request")
    public Uni<RestResponse<BulkUploadView>> uploadForm(@RestForm("files") List<FileUpload> files, @RestForm String type,
            @RestForm String jobDescription, @RestForm String priority,
            @HeaderParam("Idempotency-Key") String idempotencyKey, UriInfo uri) {
        if (files == null || files.isEmpty()) {
            throw new InvalidInputException("files", "at least one multipart part named files is required");
        }
        List<BulkPart> parts = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            FileUpload file = files.get(i);
            parts.add(new BulkPart("files[" + i + "]", new Upload(file.uploadedFile(), file.contentType(), file.fileName())));
        }
        return uploads.upload(callers.current(), parts, BulkUploads.BatchRequest.of(type, jobDescription, priority),
                idempotencyKey, uri.getBaseUri()).map(BulkUploadResource::respond);
    }

    /**
     * A zip of resumes as the body, batch fields as query parameters. Blocking on a worker
     * thread: the body is streamed to a temporary file, capped, never held whole.
     */
    @POST
    @Blocking
    @Consumes({ "application/zip", "application/x-zip-compressed" })
    @Operation(summary = "Upload a zip of resumes as the request body",
            description = "Batch fields (jobDescription, type, priority) come as query parameters.")
    @APIResponse(responseCode = "200", description = "Each file stored or refused")
    @APIResponse(responseCode = "202", description = "Each file stored or refused, and the batch started (Location)")
    @APIResponse(responseCode = "413", description = "The zip is larger than its limit")
    @APIResponse(responseCode = "422", description = "No file could be stored (a zip bomb, a damaged zip...)")
    public Uni<RestResponse<BulkUploadView>> uploadZip(InputStream body, @RestQuery String type, @RestQuery String jobDescription,
            @RestQuery String priority, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, UriInfo uri) {
        BulkUploads.BatchRequest.of(type, jobDescription, priority); // wrong fields are refused before the body is read
        java.nio.file.Path file = documents.spoolArchive(body);
        return uploads.upload(callers.current(), List.of(new BulkPart("body", new Upload(file, contentType, "upload.zip"))),
                        BulkUploads.BatchRequest.of(type, jobDescription, priority), idempotencyKey, uri.getBaseUri())
                .map(BulkUploadResource::respond)
                .eventually(() -> delete(file));
    }

    private static RestResponse<BulkUploadView> respond(BulkUploads.Answer answer) {
        RestResponse.ResponseBuilder<BulkUploadView> builder = RestResponse.ResponseBuilder
                .<BulkUploadView>create(answer.status()).entity(answer.view());
        if (answer.location() != null) {
            builder.location(java.net.URI.create(answer.location()));
        }
        if (answer.replayed()) {
            builder.header("Idempotent-Replayed", "true");
        }
        return builder.build();
    }

    private static void delete(java.nio.file.Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
