package dev.shortlist.documents.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shortlist.documents.ResumeSamples;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFHyperlinkRun;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;

class DocxResumeWriterTest {

    private final DocxResumeWriter writer = new DocxResumeWriter();

    @Test
    void resumeReadsBackWithNameHeadingsAndBullets() throws IOException {
        try (XWPFDocument document = open(writer.write(MarkdownResume.parse(ResumeSamples.JANE_DOE)));
                XWPFWordExtractor extractor = new XWPFWordExtractor(document)) {
            assertThat(extractor.getText()).contains("Jane Doe", "jane.doe@example.com", "Summary", "Experience",
                    "Led the move of billing to Spring Boot microservices on Kubernetes", "Mentored six engineers",
                    "eight years of Java and Kotlin");
            assertThat(extractor.getText()).doesNotContain("**", "](");
            assertThat(document.getProperties().getCoreProperties().getTitle()).isEqualTo("Jane Doe");
        }
    }

    @Test
    void headingsUseWordsHeadingStyles() throws IOException {
        try (XWPFDocument document = open(writer.write(MarkdownResume.parse(ResumeSamples.JANE_DOE)))) {
            assertThat(styled(document, "Heading1")).containsExactly("Jane Doe");
            assertThat(styled(document, "Heading2")).containsExactly("Summary", "Experience", "Skills");
            assertThat(styled(document, "Heading3")).containsExactly("Staff Engineer, Acme Corp (2021–present)");
            assertThat(document.getStyles().getStyle("Heading2").getName()).isEqualTo("heading 2");
        }
    }

    @Test
    void bulletsAreANumberedListWithNesting() throws IOException {
        try (XWPFDocument document = open(writer.write(MarkdownResume.parse(ResumeSamples.JANE_DOE)))) {
            List<XWPFParagraph> items = document.getParagraphs().stream().filter(p -> p.getNumID() != null).toList();

            assertThat(items).extracting(XWPFParagraph::getText).containsExactly(
                    "Led the move of billing to Spring Boot microservices on Kubernetes",
                    "Cut p99 latency of the payments API by 40% with PostgreSQL index tuning",
                    "Introduced query plans reviews for every release",
                    "Mentored six engineers");
            assertThat(items).extracting(p -> p.getNumIlvl().intValue()).containsExactly(0, 0, 1, 0);
            assertThat(document.getNumbering().getNum(items.get(0).getNumID())).isNotNull();
        }
    }

    @Test
    void emphasisAndLinksKeepTheirMeaning() throws IOException {
        try (XWPFDocument document = open(writer.write(MarkdownResume.parse(ResumeSamples.JANE_DOE)))) {
            assertThat(document.getParagraphs()).flatExtracting(XWPFParagraph::getRuns)
                    .filteredOn(run -> run.getText(0) != null && run.getText(0).equals("eight years"))
                    .singleElement().matches(run -> run.isBold());
            assertThat(document.getParagraphs()).flatExtracting(XWPFParagraph::getRuns)
                    .filteredOn(XWPFHyperlinkRun.class::isInstance)
                    .extracting(run -> ((XWPFHyperlinkRun) run).getHyperlink(document).getURL())
                    .containsExactly("https://github.com/janedoe");
        }
    }

    @Test
    void anyUnicodeIsKept() throws IOException {
        try (XWPFDocument document = open(writer.write(MarkdownResume.parse(ResumeSamples.BEYOND_WINANSI)));
                XWPFWordExtractor extractor = new XWPFWordExtractor(document)) {
            assertThat(extractor.getText()).contains("Zoë Łukasiewicz-Dvořák 🚀", "東京");
        }
    }

    private static List<String> styled(XWPFDocument document, String style) {
        return document.getParagraphs().stream().filter(p -> style.equals(p.getStyle())).map(XWPFParagraph::getText).toList();
    }

    static XWPFDocument open(byte[] docx) throws IOException {
        return new XWPFDocument(new ByteArrayInputStream(docx));
    }
}
