package dev.shortlist.documents;

/**
 * One file of a bulk upload as received: a document, or a zip archive of documents.
 *
 * @param source where it came in, for the answer: the form part ({@code files[2]}) or {@code body}
 */
public record BulkPart(String source, Upload upload) {
}
