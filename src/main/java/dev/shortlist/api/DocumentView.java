package dev.shortlist.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.shortlist.documents.Document;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An uploaded document: its metadata, and its extracted text when asked for one document. */
@Schema(name = "Document")
public record DocumentView(
        UUID id,
        String mediaType,
        String fileName,
        long size,
        @Schema(description = "Pages, where the format says") Integer pages,
        int characters,
        String sha256,
        Instant createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Present when scanned pages or images were read by OCR")
        OcrView ocr,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "The extracted, normalised text") String text) {

    static DocumentView withText(Document document) {
        return of(document, document.text());
    }

    static DocumentView withoutText(Document document) {
        return of(document, null);
    }

    private static DocumentView of(Document document, String text) {
        return new DocumentView(document.id(), document.mediaType(), document.fileName(), document.sizeBytes(),
                document.pages(), document.characters(), document.sha256(), document.createdAt(),
                document.ocr() == null ? null : OcrView.of(document.ocr()), text);
    }

    /** How a document's scans were read. */
    @Schema(name = "DocumentOcr", description = "How the document's scanned pages or images were read by OCR")
    public record OcrView(
            @Schema(description = "Pages (or images) read by OCR") int pages,
            @Schema(description = "Mean confidence of the words read, from 0 (none) to 1 (certain)", minimum = "0", maximum = "1")
            double confidence,
            @Schema(description = "Scanned pages beyond the OCR page limit, not read: their text is missing") int pagesNotRead) {

        static OcrView of(Document.Ocr ocr) {
            return new OcrView(ocr.pages(), ocr.confidence(), ocr.pagesNotRead());
        }
    }
}
