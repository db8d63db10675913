package dev.shortlist.documents;

import java.time.Instant;
import java.util.UUID;

/** An uploaded document and the text extracted from it. */
public record Document(
        UUID id,
        String owner,
        String sha256,
        String mediaType,
        String fileName,
        long sizeBytes,
        Integer pages,
        int characters,
        String text,
        Instant createdAt) {
}
