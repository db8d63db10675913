package dev.shortlist.documents;

import java.time.Duration;
import java.util.List;

/** OCR settings for tests that run the extractor's parts without the application. */
record OcrSettings(boolean enabled, String command, List<String> languages, int maxPages, long maxPixels, int dpi,
        Duration timeout) implements DocumentsConfig.Ocr {

    /** The defaults of application.properties.example. */
    static OcrSettings defaults() {
        return new OcrSettings(true, "tesseract", List.of("eng"), 10, 50_000_000L, 300, Duration.ofSeconds(60));
    }

    OcrSettings off() {
        return new OcrSettings(false, command, languages, maxPages, maxPixels, dpi, timeout);
    }

    OcrSettings command(String other) {
        return new OcrSettings(enabled, other, languages, maxPages, maxPixels, dpi, timeout);
    }

    OcrSettings languages(String... others) {
        return new OcrSettings(enabled, command, List.of(others), maxPages, maxPixels, dpi, timeout);
    }

    OcrSettings timeout(Duration other) {
        return new OcrSettings(enabled, command, languages, maxPages, maxPixels, dpi, other);
    }
}
