package dev.shortlist.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * The evaluation's job descriptions, one per resume category, from
 * {@code bench/eval/job-descriptions/*.md}: a header ({@code Category:}, {@code Source:})
 * and either a body written for the evaluation, or a source in ../shared/data/jd that the
 * text is read from (a row of the postings CSV, or a DOCX/PDF file), never copied here.
 */
public final class EvalJobDescriptions {

    /** One job description and the resume category it should rank first. */
    public record Posting(String category, String source, String text) {
    }

    private static final Pattern CSV_ROW = Pattern.compile("jd/job-descriptions-853\\.csv row (\\d+)");
    private static final Pattern FILE = Pattern.compile("jd/files/(\\S+\\.(?:docx|pdf))");

    private EvalJobDescriptions() {
    }

    public static List<Posting> load(Path dir) throws IOException {
        List<Posting> postings = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md") && !f.getFileName().toString().equals("README.md"))
                    .sorted().toList()) {
                postings.add(read(file));
            }
        }
        return postings;
    }

    private static Posting read(Path file) throws IOException {
        String category = null;
        String source = "";
        StringBuilder body = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (category == null && line.startsWith("Category:")) {
                category = line.substring("Category:".length()).strip();
            } else if (source.isEmpty() && line.startsWith("Source:")) {
                source = line.substring("Source:".length()).strip();
            } else {
                body.append(line).append('\n');
            }
        }
        if (category == null) {
            throw new IllegalStateException(file + " has no Category: line");
        }
        String text = body.toString().strip();
        if (text.isEmpty()) {
            text = fromSource(source);
        }
        return new Posting(category, source, text);
    }

    private static String fromSource(String source) throws IOException {
        Path data = ResumeDataset.dataDir();
        Matcher row = CSV_ROW.matcher(source);
        if (row.find()) {
            int wanted = Integer.parseInt(row.group(1));
            try (Reader reader = Files.newBufferedReader(data.resolve("jd/job-descriptions-853.csv"), StandardCharsets.UTF_8)) {
                int index = 0;
                for (CSVRecord record : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                    if (index++ == wanted) {
                        return record.get("position_title") + "\n" + record.get("job_description");
                    }
                }
            }
            throw new IllegalStateException("no row " + wanted + " in the postings CSV");
        }
        Matcher file = FILE.matcher(source);
        if (file.find()) {
            Path path = data.resolve("jd/files").resolve(file.group(1));
            if (path.toString().endsWith(".pdf")) {
                try (var pdf = Loader.loadPDF(path.toFile())) {
                    return new PDFTextStripper().getText(pdf);
                }
            }
            try (InputStream in = Files.newInputStream(path); var docx = new XWPFDocument(in);
                    var extractor = new XWPFWordExtractor(docx)) {
                return extractor.getText();
            }
        }
        throw new UncheckedIOException(new IOException("a posting with no body needs a source in ../shared/data/jd: " + source));
    }
}
