package dev.shortlist.api;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v1/postings}. */
@Schema(name = "CreatePosting", description = "A job posting to keep: its text, or an uploaded document's")
@TextOrDocument
public record CreatePostingRequest(
        @Schema(description = "A title to list it by; default: the title the posting's first line or Title: field gives") String title,
        @Schema(description = "The job description's text") String text,
        @Schema(description = "The id of an uploaded document (POST /api/v1/documents) to take the text from") UUID documentId,
        @Schema(description = "Your id for the posting, e.g. a requisition id") String externalId)
        implements TextOrDocument.Given {
}
