package dev.shortlist.documents.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shortlist.documents.rendering.MarkdownResume.Block;
import dev.shortlist.documents.rendering.MarkdownResume.Bullet;
import dev.shortlist.documents.rendering.MarkdownResume.Contact;
import dev.shortlist.documents.rendering.MarkdownResume.Heading;
import dev.shortlist.documents.rendering.MarkdownResume.Paragraph;
import dev.shortlist.documents.rendering.MarkdownResume.Rule;
import dev.shortlist.documents.rendering.MarkdownResume.Span;
import dev.shortlist.documents.rendering.MarkdownResume.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownResumeTest {

    private static final Span SPACE = plain(" ");

    @Test
    void headingsByLevelWithDeeperOnesAsThird() {
        List<Block> blocks = MarkdownResume.parse("# Jane Doe\n## Experience\n### Acme\n#### Details ##").blocks();

        assertThat(blocks).containsExactly(
                new Heading(1, List.of(plain("Jane Doe"))),
                new Heading(2, List.of(plain("Experience"))),
                new Heading(3, List.of(plain("Acme"))),
                new Heading(3, List.of(plain("Details"))));
    }

    @Test
    void linesUnderTheNameAreTheContactBlockOnePerLine() {
        List<Block> blocks = MarkdownResume.parse("# Jane Doe\nBackend Engineer\njane@example.com | [Site](https://jane.dev)\n\n## Summary").blocks();

        assertThat(blocks.get(1)).isEqualTo(new Contact(List.of(plain("Backend Engineer"), Span.LINE_BREAK,
                plain("jane@example.com | "), new Span("Site", false, false, "https://jane.dev"))));
        assertThat(blocks.get(2)).isInstanceOf(Heading.class);
    }

    @Test
    void aLongParagraphUnderTheNameIsASummaryNotContactDetails() {
        List<Block> blocks = MarkdownResume.parse("# Jane Doe\n" + "Backend engineer who ships. ".repeat(8)).blocks();

        assertThat(blocks.get(1)).isInstanceOf(Paragraph.class);
    }

    @Test
    void paragraphLinesJoinUntilABlankLine() {
        List<Block> blocks = MarkdownResume.parse("## Summary\n\nFirst line\nsecond line.\n\nNext paragraph.").blocks();

        assertThat(blocks).containsExactly(
                new Heading(2, List.of(plain("Summary"))),
                new Paragraph(List.of(plain("First line"), SPACE, plain("second line."))),
                new Paragraph(List.of(plain("Next paragraph."))));
    }

    @Test
    void twoTrailingSpacesOrABackslashBreakTheLine() {
        assertThat(paragraph("Berlin  \nRemote\\\nOn call")).containsExactly(
                plain("Berlin"), Span.LINE_BREAK, plain("Remote"), Span.LINE_BREAK, plain("On call"));
    }

    @Test
    void bulletsWithOneLevelOfNestingAndContinuationLines() {
        List<Block> blocks = MarkdownResume.parse("""
                - Led billing
                  across three teams
                  - Nested detail
                * Star item
                + Plus item
                """).blocks();

        assertThat(blocks).containsExactly(
                new Bullet(0, List.of(plain("Led billing across three teams"))),
                new Bullet(1, List.of(plain("Nested detail"))),
                new Bullet(0, List.of(plain("Star item"))),
                new Bullet(0, List.of(plain("Plus item"))));
    }

    @Test
    void boldItalicAndLinks() {
        List<Span> spans = paragraph("Built **Spring Boot** services in *Java* and ***Kotlin***, see [repo](https://github.com/x).");

        assertThat(spans).containsExactly(
                plain("Built "), new Span("Spring Boot", true, false, null), plain(" services in "),
                new Span("Java", false, true, null), plain(" and "), new Span("Kotlin", true, true, null), plain(", see "),
                new Span("repo", false, false, "https://github.com/x"), plain("."));
    }

    @Test
    void strayMarkersStayTextInsteadOfStylingTheRest() {
        assertThat(paragraph("Grew revenue 5 * 3 times in snake_case_names, **unclosed")).containsExactly(
                plain("Grew revenue 5 * 3 times in snake_case_names, **unclosed"));
        assertThat(paragraph("A \\*literal\\* star and \\[brackets\\]")).containsExactly(
                plain("A *literal* star and [brackets]"));
    }

    @Test
    void linksWithUnsafeSchemesKeepTheirTextButNoAddress() {
        assertThat(paragraph("[click](javascript:alert(1)) [mail](mailto:jane@example.com)")).containsExactly(
                plain("click"), SPACE, new Span("mail", false, false, "mailto:jane@example.com"));
    }

    @Test
    void linksThatAreNotValidAddressesStayText() {
        assertThat(paragraph("[site](https://jane.dev/{x}) <https://a.b/%zz>")).containsExactly(
                plain("site"), plain(" <https://a.b/%zz>"));
    }

    @Test
    void rulesAndTables() {
        List<Block> blocks = MarkdownResume.parse("""
                ---

                | Skill | Years |
                | --- | ---: |
                | Java | 8 |
                | a \\| b |
                """).blocks();

        assertThat(blocks).containsExactly(new Rule(), new Table(List.of(
                List.of(List.of(plain("Skill")), List.of(plain("Years"))),
                List.of(List.of(plain("Java")), List.of(plain("8"))),
                List.of(List.of(plain("a | b")), List.of()))));
    }

    @Test
    void controlCharactersAndLoneSurrogatesAreDropped() {
        assertThat(paragraph("Jane\u0000 Doe\u0007\uD800 \uD83D\uDE80\r\nnext")).containsExactly(
                plain("Jane Doe \uD83D\uDE80"), SPACE, plain("next"));
    }

    @Test
    void titleIsTheFirstTopHeading() {
        assertThat(MarkdownResume.parse("intro\n\n# Jane **Doe**").title()).isEqualTo("Jane Doe");
        assertThat(MarkdownResume.parse("no heading").title()).isEqualTo("Resume");
    }

    private static List<Span> paragraph(String markdown) {
        return ((Paragraph) MarkdownResume.parse(markdown).blocks().get(0)).spans();
    }

    private static Span plain(String text) {
        return new Span(text, false, false, null);
    }
}
