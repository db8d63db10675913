package dev.shortlist.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tesseract program as the service runs it: found or not, and stopped at the deadline. */
class TesseractTest {

    @TempDir
    Path folder;

    @Test
    void aMissingProgramOrLanguageOrTurningItOffSaysWhyScansCannotBeRead() {
        assertThat(new Tesseract(OcrSettings.defaults()).unavailable()).isEmpty();
        assertThat(new Tesseract(OcrSettings.defaults().command("/nonexistent/tesseract")).unavailable())
                .contains("OCR is unavailable on this server (tesseract is not installed)");
        assertThat(new Tesseract(OcrSettings.defaults().languages("eng", "zzz")).unavailable())
                .contains("OCR is unavailable on this server (no tesseract language data for zzz)");
        assertThat(new Tesseract(OcrSettings.defaults().off()).unavailable()).contains("OCR is turned off on this server");
    }

    @Test
    void aReadingPastItsDeadlineIsStoppedAndRefused() throws Exception {
        Path scan = Files.write(folder.resolve("scan.png"), Scans.png(Scans.pages("Deadline check").get(0)));
        Tesseract tesseract = new Tesseract(OcrSettings.defaults().timeout(Duration.ofMillis(1)));

        assertThatThrownBy(() -> tesseract.read(scan, Instant.now().plusMillis(1)))
                .isInstanceOfSatisfying(DocumentRejected.class, e -> {
                    assertThat(e.type()).isEqualTo("ocr-timeout");
                    assertThat(e.detail()).contains("limit for OCR");
                });
    }

    @Test
    void aReadingGivesTheTextAndTheWordsConfidences() throws Exception {
        Path scan = Files.write(folder.resolve("scan.png"), Scans.png(Scans.pages("Certified welder in Rotterdam").get(0)));

        Tesseract.Reading reading = new Tesseract(OcrSettings.defaults()).read(scan, Instant.now().plusSeconds(60));

        assertThat(reading.text()).contains("Certified welder in Rotterdam");
        assertThat(reading.words()).isEqualTo(4);
        assertThat(reading.confidenceSum() / reading.words()).isBetween(80.0, 100.0);
    }
}
