package dev.shortlist.documents.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shortlist.documents.ResumeSamples;
import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PdfResumeWriterTest {

    private final PdfResumeWriter writer = new PdfResumeWriter();

    @Test
    void resumeReadsBackWithNameContactHeadingsAndBullets() throws IOException {
        String text = textOf(writer.write(MarkdownResume.parse(ResumeSamples.JANE_DOE)));

        assertThat(text).contains("Jane Doe", "Senior Backend Engineer", "jane.doe@example.com",
                "Summary", "Experience", "Staff Engineer, Acme Corp (2021–present)", "Skills",
                "Led the move of billing to Spring Boot microservices on Kubernetes",
                "Introduced query plans reviews for every release", "Mentored six engineers",
                "eight years of Java and Kotlin");
        assertThat(text).doesNotContain("**", "](", "# ");
    }

    @Test
    void linksAreClickableAndTheirAddressIsPrinted() throws IOException {
        byte[] pdf = writer.write(MarkdownResume.parse(ResumeSamples.JANE_DOE));

        assertThat(textOf(pdf)).contains("GitHub (github.com/janedoe)");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getPage(0).getAnnotations())
                    .filteredOn(PDAnnotationLink.class::isInstance)
                    .extracting(link -> ((PDActionURI) ((PDAnnotationLink) link).getAction()).getURI())
                    .contains("https://github.com/janedoe");
        }
    }

    @Test
    void charactersTheStandardFontsCannotShowAreReplacedInsteadOfFailing() throws IOException {
        String text = textOf(writer.write(MarkdownResume.parse(ResumeSamples.BEYOND_WINANSI)));

        assertThat(text).contains("Zoë Lukasiewicz-Dvorák", "zoe@example.com", "Experience",
                "Built “smart” pipelines -> 10× faster >= before — ligature file", "zerowidth", "Ünïcödé", "emoji");
    }

    @Test
    void longResumeRunsOntoMorePagesKeepingEveryLine() throws IOException {
        String markdown = ResumeSamples.longResume();
        MarkdownResume resume = MarkdownResume.parse(markdown);
        byte[] pdf = writer.write(resume);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThan(1);
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
            resume.blocks().stream()
                    .filter(MarkdownResume.Bullet.class::isInstance)
                    .map(bullet -> WinAnsiText.of(MarkdownResume.plainText(((MarkdownResume.Bullet) bullet).spans())))
                    .forEach(line -> assertThat(text).contains(line.replaceAll("\\s+", "")));
        }
    }

    @Test
    void emptyOrHostileMarkdownStillGivesAPdf() throws IOException {
        assertThat(textOf(writer.write(MarkdownResume.parse("")))).isBlank();
        String hostile = "# " + "x".repeat(5000) + "\n\n| a |\n| - |\n| " + "y ".repeat(3000) + "|\n\n**unclosed *mixed_ [a](javascript:alert(1))";
        assertThat(textOf(writer.write(MarkdownResume.parse(hostile)))).contains("xxxx", "unclosed").doesNotContain("javascript");
    }

    static String textOf(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
