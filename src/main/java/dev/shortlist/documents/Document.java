package dev.shortlist.documents;

import java.time.Instant;
import java.util.UUID;

/** An uploaded document and the text extracted from it (or read from its scans, see {@link Ocr}). */
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
        Instant createdAt,
        Ocr ocr) {

    /**
     * How a document's scanned pages were read: the pages read by OCR, the mean confidence
     * of the words read (0–1), and the scanned pages beyond the OCR page limit, which were not
     * read. Null on a document whose text was all in the file.
     */
    public record Ocr(int pages, double confidence, int pagesNotRead) {
    }
}
