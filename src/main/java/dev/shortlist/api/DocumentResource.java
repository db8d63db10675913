package dev.shortlist.api;

import dev.shortlist.documents.DocumentFilter;
import dev.shortlist.documents.DocumentService;
import dev.shortlist.documents.Stored;
import dev.shortlist.documents.Upload;
import dev.shortlist.jobs.JobCursor;
import dev.shortlist.lifecycle.Deletions;
import dev.shortlist.platform.quota.HourlyQuotas;
import dev.shortlist.security.Caller;
import dev.shortlist.security.CallerContext;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/api/v1/documents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Documents")
public class DocumentResource {

    private final DocumentService documents;
    private final CallerContext callers;
    private final Deletions deletions;
    private final HourlyQuotas hourlyQuotas;

    public DocumentResource(DocumentService documents, CallerContext callers, Deletions deletions, HourlyQuotas hourlyQuotas) {
        this.hourlyQuotas = hourlyQuotas;
        this.documents = documents;
        this.deletions = deletions;
        this.callers = callers;
    }

    /**
     * A resume as the raw request body. Blocking on a worker thread, because the body is
     * read as a stream straight to a temporary file and never held whole in memory.
     */
    @POST
    @Blocking
    @Consumes({ "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "text/plain", "text/markdown", "text/x-markdown", "image/png", "image/jpeg", "image/tiff", "application/octet-stream" })
    @Operation(summary = "Upload a resume (PDF, DOCX, TXT, MD, or a PNG, JPEG or TIFF scan) as the request body",
            description = "Scanned pages and images are read by OCR; the document's ocr member then says so, with a confidence.")
    @APIResponse(responseCode = "201", description = "Stored; the body has the extracted text's metadata")
    @APIResponse(responseCode = "200", description = "You uploaded these exact bytes before: the existing document")
    @APIResponse(responseCode = "413", description = "Larger than the size limit")
    @APIResponse(responseCode = "415", description = "Not a PDF, DOCX, TXT, MD, PNG, JPEG or TIFF file, or not what its Content-Type says")
    @APIResponse(responseCode = "422", description = "Encrypted, damaged, a decompression bomb, an image over the pixel limit, "
            + "or without text that could be extracted or read by OCR")
    public Uni<RestResponse<DocumentView>> uploadRaw(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam("Content-Disposition") String disposition, UriInfo uri) {
        java.nio.file.Path file = documents.spool(body);
        return store(new Upload(file, contentType, fileNameOf(disposition)), uri, true);
    }

    /** A resume as the {@code file} part of a multipart form; the server spools it to disk as it arrives. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload a resume (PDF, DOCX, TXT, MD, or a PNG, JPEG or TIFF scan) as the multipart part named file")
    public Uni<RestResponse<DocumentView>> uploadForm(@RestForm("file") FileUpload file, UriInfo uri) {
        if (file == null) {
            throw new dev.shortlist.platform.problem.InvalidInputException("file", "a multipart part named file is required");
        }
        return store(new Upload(file.uploadedFile(), file.contentType(), file.fileName()), uri, false);
    }

    @GET
    @Operation(summary = "Your documents, newest first, without their text", description = "Filter by contentType "
            + "(application/pdf, text/plain, ...) and upload time (createdAfter inclusive, createdBefore exclusive, ISO-8601); "
            + "follow nextCursor for the next page.")
    @APIResponse(responseCode = "200", description = "A page of your documents' metadata")
    @APIResponse(responseCode = "400", description = "A filter, limit or cursor is wrong; the problem names it")
    public Uni<DocumentListView> list(@RestQuery String contentType, @RestQuery String createdAfter,
            @RestQuery String createdBefore, @RestQuery Integer limit, @RestQuery String cursor) {
        int size = QueryParams.pageSize(limit);
        DocumentFilter filter = new DocumentFilter(DocumentFilter.mediaType(contentType),
                QueryParams.instant(createdAfter, "createdAfter"), QueryParams.instant(createdBefore, "createdBefore"));
        return documents.list(callers.owner(), filter, cursor == null ? null : JobCursor.decode(cursor), size)
                .map(DocumentListView::of);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A document's metadata and extracted text")
    @APIResponse(responseCode = "200", description = "The document, with its text",
            content = @Content(schema = @Schema(implementation = DocumentView.class)))
    @APIResponse(responseCode = "404", description = "No such document for this caller")
    public Uni<DocumentView> get(@RestPath UUID id) {
        return documents.find(callers.owner(), id).map(DocumentView::withText);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a document", description = "The file's extracted text is deleted. Jobs made from it keep "
            + "their own copy of the text until they are deleted or expire.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such document for this caller")
    public Uni<RestResponse<Void>> delete(@RestPath UUID id) {
        return deletions.deleteDocument(callers.current(), id).replaceWith(RestResponse.noContent());
    }

    /**
     * Stores the upload as one unit of the hourly document quota, taken before the file is
     * parsed (parsing is the expensive part) and given back when no document was created.
     */
    private Uni<RestResponse<DocumentView>> store(Upload upload, UriInfo uri, boolean deleteAfter) {
        Caller caller = callers.current();
        return hourlyQuotas.charge(caller.owner(), caller.limits(), HourlyQuotas.Kind.DOCUMENTS, 1)
                .chain(charge -> documents.ingest(caller.owner(), upload)
                        .onFailure().call(() -> hourlyQuotas.refund(charge))
                        .call(stored -> stored.created() ? Uni.createFrom().voidItem() : hourlyQuotas.refund(charge)))
                .map(stored -> respond(stored, uri))
                .eventually(() -> {
                    if (deleteAfter) {
                        delete(upload.file());
                    }
                });
    }

    private static RestResponse<DocumentView> respond(Stored stored, UriInfo uri) {
        DocumentView view = DocumentView.withoutText(stored.document());
        RestResponse.ResponseBuilder<DocumentView> builder = stored.created()
                ? RestResponse.ResponseBuilder.<DocumentView>created(uri.getAbsolutePathBuilder().path(view.id().toString()).build())
                : RestResponse.ResponseBuilder.<DocumentView>ok()
                        .location(uri.getAbsolutePathBuilder().path(view.id().toString()).build());
        return builder.entity(view).build();
    }

    /** {@code attachment; filename="cv.pdf"} → {@code cv.pdf}. */
    private static String fileNameOf(String disposition) {
        if (disposition == null) {
            return null;
        }
        for (String part : disposition.split(";")) {
            String trimmed = part.strip();
            if (trimmed.toLowerCase(java.util.Locale.ROOT).startsWith("filename=")) {
                return trimmed.substring("filename=".length()).replace("\"", "").strip();
            }
        }
        return null;
    }

    private static void delete(java.nio.file.Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
