package dev.shortlist.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Zips of resume PDFs, as a recruiter exports them from a mailbox or an ATS: the project's
 * fixture resumes cycled, each made distinct by a candidate reference line, laid out as
 * PDFs with an embedded font. Used by the bulk upload tests and its benchmark
 * ({@code bench/intake/run.sh}, which runs {@link #main}).
 */
public final class ResumeZips {

    private ResumeZips() {
    }

    /** How the PDFs are made: with an embedded font (as resume sites do, heavier to read) or the built-in Helvetica. */
    public enum Fonts { EMBEDDED, BUILT_IN }

    /** {@code count} distinct resume PDFs named {@code resumes/0001-<field>-<name>.pdf}. */
    public static byte[] pdfs(int count, Fonts fonts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        write(count, fonts, bytes);
        return bytes.toByteArray();
    }

    /** The name of the {@code i}th PDF in {@link #pdfs}. */
    public static String name(int i) {
        Fixtures.Resume resume = resume(i);
        return String.format("resumes/%04d-%s-%s.pdf", i + 1, resume.field(), resume.name().replaceAll("[^A-Za-z0-9-]", "-"));
    }

    /** Writes the zip to a file: {@code ResumeZips <count> <file> [embedded|built_in]}. */
    public static void main(String[] args) throws IOException {
        Fonts fonts = args.length > 2 ? Fonts.valueOf(args[2].toUpperCase(java.util.Locale.ROOT)) : Fonts.EMBEDDED;
        try (OutputStream out = Files.newOutputStream(Path.of(args[1]))) {
            write(Integer.parseInt(args[0]), fonts, out);
        }
    }

    private static void write(int count, Fonts fonts, OutputStream out) {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < count; i++) {
                zip.putNextEntry(new ZipEntry(name(i)));
                String text = resume(i).text() + "\nCandidate reference " + (i + 1);
                zip.write(fonts == Fonts.EMBEDDED ? FixtureDocuments.pdf(text, 10) : FixtureDocuments.standardFontPdf(text, 10));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Fixtures.Resume resume(int i) {
        List<Fixtures.Resume> all = Fixtures.resumes();
        return all.get(i % all.size());
    }
}
