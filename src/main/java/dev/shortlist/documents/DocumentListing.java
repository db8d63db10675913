package dev.shortlist.documents;

import dev.shortlist.problem.InvalidInputException;
import dev.shortlist.jobs.JobCursor;
import dev.shortlist.jobs.Listing;
import dev.shortlist.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;

/** The caller's documents, newest first, a page at a time with the job listing's cursor; metadata only. */
@ApplicationScoped
public class DocumentListing {

    private final DocumentRepository documents;

    DocumentListing(DocumentRepository documents) {
        this.documents = documents;
    }

    public Uni<Listing<Document>> list(Caller caller, DocumentFilter filter, JobCursor after, int limit) {
        return documents.list(caller.owner(), filter, after, limit + 1)
                .map(read -> Listing.of(read, limit, document -> new JobCursor(document.createdAt(), document.id())));
    }

    /** The stored media type a {@code contentType} filter names (charset and the like ignored); a 400 for one the service never stores. */
    public static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        return MediaKind.ofMediaType(contentType).map(MediaKind::mediaType)
                .orElseThrow(() -> new InvalidInputException("contentType", "'" + contentType + "' is not one of "
                        + Arrays.stream(MediaKind.values()).map(MediaKind::mediaType).toList()));
    }
}
