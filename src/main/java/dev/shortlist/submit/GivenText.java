package dev.shortlist.submit;

import java.util.UUID;

/**
 * A text as the caller gave it: inline, as an uploaded document's id, or (job descriptions
 * only) as a stored posting's id; one of the three.
 */
public record GivenText(String text, UUID documentId, UUID postingId) {

    public static GivenText inline(String text) {
        return new GivenText(text, null, null);
    }

    public static GivenText document(UUID documentId) {
        return new GivenText(null, documentId, null);
    }
}
