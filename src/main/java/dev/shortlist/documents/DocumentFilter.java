package dev.shortlist.documents;

import dev.shortlist.platform.problem.InvalidInputException;
import java.time.Instant;
import java.util.Arrays;

/** What a document listing is narrowed to; null means any. Created from {@code createdAfter} (inclusive) to {@code createdBefore} (exclusive). */
public record DocumentFilter(String mediaType, Instant createdAfter, Instant createdBefore) {

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
