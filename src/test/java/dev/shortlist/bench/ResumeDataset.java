package dev.shortlist.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The public labelled resumes of {@code ../shared/data/resumes}: 962 rows but only 166
 * distinct texts, so they are deduplicated on load. Never print whole resumes. For the
 * evaluation programs only: tests use the project's own fixtures
 * ({@link dev.shortlist.support.Fixtures}) and must pass without this data.
 */
public final class ResumeDataset {

    /** One resume and the category it is labelled with. */
    public record Resume(String category, String text) {
    }

    private static List<Resume> cached;

    private ResumeDataset() {
    }

    public static Path dataDir() {
        Path dir = Path.of(System.getProperty("shortlist.data.dir", "../shared/data"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("the shared test data is missing: expected " + dir.toAbsolutePath()
                    + " (set -Dshortlist.data.dir)");
        }
        return dir;
    }

    public static synchronized List<Resume> all() {
        if (cached == null) {
            Path csv = dataDir().resolve("resumes/updated-resume-dataset.csv");
            try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                Set<String> seen = new LinkedHashSet<>();
                List<Resume> resumes = new ArrayList<>();
                for (CSVRecord record : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                    String text = record.get("Resume");
                    if (seen.add(text)) {
                        resumes.add(new Resume(record.get("Category"), text));
                    }
                }
                cached = List.copyOf(resumes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cached;
    }

    public static Map<String, List<Resume>> byCategory() {
        Map<String, List<Resume>> grouped = new LinkedHashMap<>();
        all().forEach(resume -> grouped.computeIfAbsent(resume.category(), c -> new ArrayList<>()).add(resume));
        return grouped;
    }

    public static List<Resume> category(String name) {
        List<Resume> resumes = byCategory().get(name);
        if (resumes == null || resumes.isEmpty()) {
            throw new IllegalArgumentException("no resumes labelled " + name);
        }
        return resumes;
    }
}
