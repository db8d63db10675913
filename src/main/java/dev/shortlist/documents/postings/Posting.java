package dev.shortlist.documents.postings;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A job posting kept once and referenced by id from jobs and batches.
 *
 * @param reading the local engine's reading of the text (see {@code StoredJob}): title, years,
 *                skills and requirement lines, as stored
 * @param readBy  the engine version that read it; another version reads the text again
 */
public record Posting(UUID id, String owner, String title, String externalId, UUID documentId, String text,
        JsonNode reading, String readBy, Instant createdAt) {
}
