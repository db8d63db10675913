package dev.shortlist.documents;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Limits on uploaded documents, which are untrusted input. */
@ConfigMapping(prefix = "shortlist.documents")
public interface DocumentsConfig {

    /** Largest upload accepted. Default 10M. Resumes are rarely over 1 MB. */
    @WithDefault("10M")
    MemorySize maxSize();

    /** Most entries a DOCX (a zip) may hold; real resumes have a few dozen. Default 1000. */
    @WithDefault("1000")
    int maxZipEntries();

    /** Most bytes a DOCX may expand to; beyond it, it is treated as a decompression bomb. Default 100M. */
    @WithDefault("100M")
    MemorySize maxExpandedSize();

    /** Most pages read from a PDF. Default 50. */
    @WithDefault("50")
    int maxPages();

    /** Most characters of text kept from one document. Default 200000. */
    @WithDefault("200000")
    int maxChars();

    /** Reading scans: PDF pages and images (PNG, JPEG, TIFF) without a text layer. */
    Ocr ocr();

    /** Bulk uploads: many files, or zip archives of them, in one request. */
    Bulk bulk();

    /** Limits of one bulk upload; each of its files also keeps the single-upload limits above. */
    interface Bulk {

        /** Most files one bulk upload may hold, archive entries included. Default 10000, a batch's limit. */
        @WithDefault("10000")
        int maxFiles();

        /** Most entries one zip archive may list, folders included; more is treated as a zip bomb. Default 10000. */
        @WithDefault("10000")
        int maxArchiveEntries();

        /** Most bytes all archives of one upload may expand to together; beyond it, a zip bomb. Default 1G. */
        @WithDefault("1G")
        MemorySize maxExpandedSize();

        /** Largest zip sent as the whole request body (the HTTP body limit applies too). Default 64M. */
        @WithDefault("64M")
        MemorySize maxArchiveSize();

        /** Files of one bulk upload read and stored at once; the CPU pool bounds the extraction itself. Default 4. */
        @WithDefault("4")
        int concurrency();

        /** How long the answer to a bulk upload sent with an Idempotency-Key is kept for its retries. Default 24h. */
        @WithDefault("24h")
        Duration idempotencyWindow();
    }

    /**
     * OCR through the {@code tesseract} program, run as a process on the CPU pool. Without
     * it installed the service still starts; scans are then refused as having no text.
     */
    interface Ocr {

        /** Whether scans are read at all. Default true. */
        @WithDefault("true")
        boolean enabled();

        /** The tesseract program, a name on the PATH or a full path. Default tesseract. */
        @WithDefault("tesseract")
        String command();

        /** Tesseract languages the scans are read in (their data must be installed). Default eng. */
        @WithDefault("eng")
        List<String> languages();

        /** Most pages of one document read by OCR (each takes a second or more); later scanned pages are skipped. Default 10. */
        @WithDefault("10")
        int maxPages();

        /** Most pixels of one image or rendered page, checked from the header before decoding (a decompression-bomb guard). Default 50000000. */
        @WithDefault("50000000")
        long maxPixels();

        /** Resolution PDF pages without text are rendered at for OCR. Default 300. */
        @WithDefault("300")
        int dpi();

        /** Longest the OCR of one document may take; the process is then stopped and the upload refused. Default 60s. */
        @WithDefault("60s")
        Duration timeout();
    }
}
