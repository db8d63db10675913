package dev.shortlist.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's own test corpus under {@code src/test/resources/fixtures}: synthetic resumes
 * from several fields and one job description per field (see the README there).
 */
public final class Fixtures {

    /** One resume: its field (the folder it is filed in), its file name and its text. */
    public record Resume(String field, String name, String text) {
    }

    private static List<Resume> cached;

    private Fixtures() {
    }

    /** Every resume, ordered by field then file name. */
    public static synchronized List<Resume> resumes() {
        if (cached == null) {
            Path root = resource("fixtures/resumes");
            try (Stream<Path> files = Files.walk(root)) {
                cached = files.filter(file -> file.toString().endsWith(".txt"))
                        .sorted(Comparator.comparing(Path::toString))
                        .map(file -> new Resume(file.getParent().getFileName().toString(), file.getFileName().toString(),
                                read(file)))
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cached;
    }

    public static List<Resume> resumes(String field) {
        List<Resume> resumes = resumes().stream().filter(resume -> resume.field().equals(field)).toList();
        if (resumes.isEmpty()) {
            throw new IllegalArgumentException("no fixture resumes in field " + field);
        }
        return resumes;
    }

    /** The fields that have resumes, in order. */
    public static List<String> fields() {
        return resumes().stream().map(Resume::field).distinct().toList();
    }

    /** The longest resume of a field. */
    public static Resume longest(String field) {
        return resumes(field).stream().max(Comparator.comparingInt(resume -> resume.text().length())).orElseThrow();
    }

    /** The job description written for a field. */
    public static String job(String field) {
        return read(resource("fixtures/jobs/" + field + ".md"));
    }

    private static Path resource(String name) {
        URL url = Fixtures.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
