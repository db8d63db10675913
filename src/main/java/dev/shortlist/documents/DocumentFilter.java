package dev.shortlist.documents;

import java.time.Instant;

/** What a document listing is narrowed to; null means any. Created from {@code createdAfter} (inclusive) to {@code createdBefore} (exclusive). */
public record DocumentFilter(String mediaType, Instant createdAfter, Instant createdBefore) {
}
