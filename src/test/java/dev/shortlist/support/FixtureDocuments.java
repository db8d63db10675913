package dev.shortlist.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;

/**
 * PDF and DOCX resumes built at test time from fixture text, the way word processors and
 * resume sites lay them out: an embedded TrueType font (so any glyph the font has, ligatures
 * and bullets too), pages that run over, two text columns, a two-column Word table.
 */
public final class FixtureDocuments {

    /** The TrueType font PDFBox ships for its own fallback: always there, wide Unicode coverage. */
    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final float MARGIN = 56;
    private static final int WRAP = 90;

    private FixtureDocuments() {
    }

    /** The text one line per PDF text line, wrapped and run onto as many pages as it needs. */
    public static byte[] pdf(String text, float fontSize) {
        try (PDDocument document = new PDDocument()) {
            return pdf(document, font(document), text, fontSize);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * As {@link #pdf}, in Helvetica, which PDF readers have built in: a small file that is
     * quick to make, as office printers write them; characters outside WinAnsi are left out.
     */
    public static byte[] standardFontPdf(String text, float fontSize) {
        try (PDDocument document = new PDDocument()) {
            return pdf(document, new PDType1Font(Standard14Fonts.FontName.HELVETICA), text, fontSize);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] pdf(PDDocument document, PDFont font, String text, float fontSize) throws IOException {
        float leading = fontSize * 1.3f;
        List<String> lines = wrap(text);
        int line = 0;
        while (line < lines.size()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(font, fontSize);
                content.setLeading(leading);
                content.newLineAtOffset(MARGIN, page.getMediaBox().getHeight() - MARGIN);
                for (float y = page.getMediaBox().getHeight() - MARGIN; y > MARGIN && line < lines.size(); y -= leading) {
                    content.showText(printable(font, lines.get(line++)));
                    content.newLine();
                }
                content.endText();
            }
        }
        return save(document);
    }

    /**
     * One page with two text columns side by side, written column after column as layout
     * programs do; the lines of both columns share their heights.
     */
    public static byte[] twoColumnPdf(List<String> left, List<String> right) {
        try (PDDocument document = new PDDocument()) {
            PDType0Font font = font(document);
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            float top = page.getMediaBox().getHeight() - MARGIN;
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                column(content, font, left, MARGIN, top);
                column(content, font, right, 230, top);
            }
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text one paragraph per line, as a Word 2007+ document. */
    public static byte[] docx(String text) {
        try (XWPFDocument document = new XWPFDocument()) {
            text.lines().forEach(line -> document.createParagraph().createRun().setText(line));
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A title paragraph, then a one-row, two-cell table holding the two columns of the
     * resume (one paragraph per line), then a closing paragraph: the layout of many
     * resume templates.
     */
    public static byte[] tableDocx(String title, List<String> left, List<String> right, String closing) {
        try (XWPFDocument document = new XWPFDocument()) {
            document.createParagraph().createRun().setText(title);
            XWPFTable table = document.createTable(1, 2);
            fill(table.getRow(0).getCell(0), left);
            fill(table.getRow(0).getCell(1), right);
            document.createParagraph().createRun().setText(closing);
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void column(PDPageContentStream content, PDType0Font font, List<String> lines, float x, float top)
            throws IOException {
        content.beginText();
        content.setFont(font, 9);
        content.setLeading(12);
        content.newLineAtOffset(x, top);
        for (String line : lines) {
            content.showText(line);
            content.newLine();
        }
        content.endText();
    }

    /**
     * The text without the characters the font has no glyph for, such as the C1 controls of
     * mis-decoded text: a word processor shows nothing for them either.
     */
    private static String printable(PDFont font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            String character = Character.toString(codePoint);
            try {
                font.encode(character);
                out.append(character);
            } catch (IllegalArgumentException | IllegalStateException | IOException noGlyph) {
                // left out
            }
        });
        return out.toString();
    }

    private static void fill(XWPFTableCell cell, List<String> lines) {
        // A new cell holds one empty paragraph: the first line goes there.
        XWPFParagraph paragraph = cell.getParagraphs().get(0);
        for (int i = 0; i < lines.size(); i++) {
            (i == 0 ? paragraph : cell.addParagraph()).createRun().setText(lines.get(i));
        }
    }

    private static PDType0Font font(PDDocument document) throws IOException {
        try (InputStream in = FixtureDocuments.class.getResourceAsStream(FONT)) {
            if (in == null) {
                throw new IllegalStateException("PDFBox no longer ships " + FONT);
            }
            return PDType0Font.load(document, in);
        }
    }

    /**
     * Lines longer than a text line of the page break at the last space that fits; a tab
     * becomes a space, as a word processor lays it out as white space, not a glyph.
     */
    private static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.strip().split("\\R")) {
            String rest = line.replace('\t', ' ').stripTrailing();
            while (rest.length() > WRAP) {
                int cut = rest.lastIndexOf(' ', WRAP);
                cut = cut > 0 ? cut : WRAP;
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut).strip();
            }
            lines.add(rest);
        }
        return lines;
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    private static byte[] save(XWPFDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.write(out);
        return out.toByteArray();
    }
}
