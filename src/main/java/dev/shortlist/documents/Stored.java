package dev.shortlist.documents;

/** A document after an upload, and whether this upload created it (false: the owner had it already). */
public record Stored(Document document, boolean created) {
}
