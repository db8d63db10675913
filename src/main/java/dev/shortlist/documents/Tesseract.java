package dev.shortlist.documents;

import dev.shortlist.platform.cpu.OffEventLoop;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads the text of a scan with the {@code tesseract} program, one process per image, on
 * the calling (CPU pool) thread. The process gets one thread ({@code OMP_THREAD_LIMIT=1}):
 * the CPU pool already bounds how many run at once. A process that outlives the document's
 * deadline is killed.
 */
final class Tesseract {

    /** The words read from one image, and the sum of their confidences (0–100 each, as tesseract gives them). */
    record Reading(String text, int words, double confidenceSum) {
    }

    /** Tesseract's TSV columns: level first, the confidence and the word last. */
    private static final int WORD_LEVEL = 5;
    private static final int TSV_COLUMNS = 12;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final DocumentsConfig.Ocr config;
    /** Null until first asked; then empty when OCR works here, or why it does not. */
    private volatile Optional<String> unavailable;

    Tesseract(DocumentsConfig.Ocr config) {
        this.config = config;
    }

    /**
     * Why scans cannot be read on this server, or empty when they can. The program and its
     * language data are looked for once, on first need.
     */
    Optional<String> unavailable() {
        Optional<String> known = unavailable;
        if (known == null) {
            known = probe();
            unavailable = known;
            known.ifPresent(why -> Log.warnf("Scanned documents will be refused: %s", why));
        }
        return known;
    }

    private Optional<String> probe() {
        if (!config.enabled()) {
            return Optional.of("OCR is turned off on this server");
        }
        Path listing = null;
        try {
            listing = Files.createTempFile("shortlist-ocr-", ".langs");
            Process process = new ProcessBuilder(config.command(), "--list-langs")
                    .redirectErrorStream(true).redirectOutput(listing.toFile()).start();
            if (!process.waitFor(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Optional.of("OCR is unavailable on this server (tesseract did not answer)");
            }
            List<String> installed = Files.readAllLines(listing, StandardCharsets.UTF_8).stream().map(String::strip).toList();
            List<String> missing = config.languages().stream().filter(language -> !installed.contains(language)).toList();
            return missing.isEmpty() ? Optional.empty()
                    : Optional.of("OCR is unavailable on this server (no tesseract language data for " + String.join(", ", missing) + ")");
        } catch (IOException e) {
            return Optional.of("OCR is unavailable on this server (tesseract is not installed)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("OCR is unavailable on this server (interrupted while looking for tesseract)");
        } finally {
            deleteQuietly(listing);
        }
    }

    /** Reads one image (PNG, JPEG, TIFF or PGM), within the document's deadline. */
    Reading read(Path image, Instant deadline) {
        OffEventLoop.check("OCR");
        Path work = null;
        try {
            work = Files.createTempDirectory("shortlist-ocr-");
            Path base = work.resolve("out");
            List<String> command = new ArrayList<>(List.of(config.command(), image.toString(), base.toString(),
                    "-l", String.join("+", config.languages()), "txt", "tsv"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(work.resolve("log").toFile());
            builder.environment().put("OMP_THREAD_LIMIT", "1");
            Process process = builder.start();
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0 || !process.waitFor(left, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw DocumentRejected.unreadable("ocr-timeout", "Reading the scanned document took longer than the "
                        + config.timeout().toSeconds() + "-second limit for OCR; upload a file with a text layer, or fewer scanned pages.");
            }
            if (process.exitValue() != 0) {
                Log.debugf("tesseract exited with %d: %s", process.exitValue(), tail(work.resolve("log")));
                throw DocumentRejected.unreadable("corrupt-document", "The scanned image could not be read; it may be damaged.");
            }
            return reading(Files.readString(base.resolveSibling("out.txt"), StandardCharsets.UTF_8),
                    Files.readAllLines(base.resolveSibling("out.tsv"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading a scan", e);
        } finally {
            deleteTree(work);
        }
    }

    /** The words of the TSV (level 5 rows with text) carry the confidences; the text comes from the plain output. */
    private static Reading reading(String text, List<String> tsv) {
        int words = 0;
        double sum = 0;
        for (String row : tsv) {
            String[] columns = row.split("\t", -1);
            if (columns.length < TSV_COLUMNS || !columns[0].equals(String.valueOf(WORD_LEVEL)) || columns[11].isBlank()) {
                continue;
            }
            try {
                double confidence = Double.parseDouble(columns[10]);
                if (confidence >= 0) {
                    words++;
                    sum += confidence;
                }
            } catch (NumberFormatException e) {
                // not a word row
            }
        }
        return new Reading(text, words, sum);
    }

    private static String tail(Path log) throws IOException {
        String all = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        return all.length() > 500 ? all.substring(all.length() - 500) : all;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                Log.debugf("Could not delete %s: %s", file, e.getMessage());
            }
        }
    }

    static void deleteTree(Path directory) {
        if (directory == null) {
            return;
        }
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(Tesseract::deleteQuietly);
        } catch (IOException e) {
            Log.debugf("Could not delete %s: %s", directory, e.getMessage());
        }
    }
}
