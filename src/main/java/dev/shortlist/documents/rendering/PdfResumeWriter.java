package dev.shortlist.documents.rendering;

import dev.shortlist.documents.rendering.MarkdownResume.Block;
import dev.shortlist.documents.rendering.MarkdownResume.Bullet;
import dev.shortlist.documents.rendering.MarkdownResume.Contact;
import dev.shortlist.documents.rendering.MarkdownResume.Heading;
import dev.shortlist.documents.rendering.MarkdownResume.Paragraph;
import dev.shortlist.documents.rendering.MarkdownResume.Rule;
import dev.shortlist.documents.rendering.MarkdownResume.Span;
import dev.shortlist.documents.rendering.MarkdownResume.Table;
import dev.shortlist.platform.cpu.OffEventLoop;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDBorderStyleDictionary;

/**
 * Lays a {@link MarkdownResume} out as a one-column A4 PDF in Helvetica: the name large
 * and centred with the contact line under it, section headings ruled underneath,
 * wrapped paragraphs and hanging bullets, new pages as the text runs on. Links are
 * clickable and their address is printed too, so a paper copy keeps it.
 */
final class PdfResumeWriter {

    private static final PDRectangle PAGE = PDRectangle.A4;
    private static final float MARGIN = 54; // 3/4 inch
    private static final float WIDTH = PAGE.getWidth() - 2 * MARGIN;
    private static final float BODY_SIZE = 10;
    private static final float LEADING = 1.35f;
    private static final float BULLET_INDENT = 12;
    private static final float BULLET_GAP = 10;
    private static final float CELL_PADDING = 4;
    private static final Color INK = new Color(0x1a, 0x1a, 0x1a);
    private static final Color MUTED = new Color(0x55, 0x55, 0x55);
    private static final Color LINK = new Color(0x1f, 0x4e, 0x79);
    private static final Color RULE = new Color(0xb0, 0xb0, 0xb0);

    byte[] write(MarkdownResume resume) {
        OffEventLoop.check("PDF rendering");
        try (PDDocument document = new PDDocument()) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(resume.title());
            info.setCreator("Shortlist");
            try (Canvas canvas = new Canvas(document)) {
                Block previous = null;
                for (Block block : resume.blocks()) {
                    draw(canvas, block, previous);
                    previous = block;
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void draw(Canvas canvas, Block block, Block previous) throws IOException {
        if (block instanceof Heading heading) {
            heading(canvas, heading, previous);
        } else if (block instanceof Contact contact) {
            canvas.space(2);
            canvas.text(contact.spans(), 9.5f, MUTED, 0, true);
            canvas.space(6);
        } else if (block instanceof Paragraph paragraph) {
            canvas.text(paragraph.spans(), BODY_SIZE, INK, 0, false);
            canvas.space(5);
        } else if (block instanceof Bullet bullet) {
            bullet(canvas, bullet);
        } else if (block instanceof Rule) {
            canvas.space(4);
            canvas.rule(0.75f);
            canvas.space(6);
        } else if (block instanceof Table table) {
            canvas.table(table, BODY_SIZE);
            canvas.space(6);
        }
    }

    private static void heading(Canvas canvas, Heading heading, Block previous) throws IOException {
        float size = switch (heading.level()) {
            case 1 -> 20;
            case 2 -> 13;
            default -> 11;
        };
        List<Span> bold = emboldened(heading.spans());
        if (previous != null) {
            canvas.space(heading.level() == 3 ? 4 : 8);
        }
        // Never leave a heading alone at the foot of a page.
        canvas.keepTogether(size * LEADING + 3 * BODY_SIZE * LEADING);
        canvas.text(bold, size, INK, 0, heading.level() == 1);
        if (heading.level() == 2) {
            canvas.space(1);
            canvas.rule(0.5f);
            canvas.space(5);
        } else {
            canvas.space(2);
        }
    }

    private static void bullet(Canvas canvas, Bullet bullet) throws IOException {
        float indent = BULLET_INDENT * (bullet.depth() + 1) - 6;
        String marker = bullet.depth() == 0 ? "\u2022" : "\u2013";
        canvas.keepTogether(BODY_SIZE * LEADING);
        canvas.marker(marker, indent, BODY_SIZE);
        canvas.text(bullet.spans(), BODY_SIZE, INK, indent + BULLET_GAP, false);
        canvas.space(1.5f);
    }

    /** The four faces of Helvetica, by emphasis. */
    private record Fonts(PDType1Font regular, PDType1Font bold, PDType1Font italic, PDType1Font boldItalic) {

        static Fonts helvetica() {
            return new Fonts(new PDType1Font(FontName.HELVETICA), new PDType1Font(FontName.HELVETICA_BOLD),
                    new PDType1Font(FontName.HELVETICA_OBLIQUE), new PDType1Font(FontName.HELVETICA_BOLD_OBLIQUE));
        }

        PDType1Font of(Span span) {
            return span.bold() ? (span.italic() ? boldItalic : bold) : (span.italic() ? italic : regular);
        }
    }

    /** A run of text in one font on one line, at its offset from the line's start. */
    private record Piece(String text, PDType1Font font, String url, float x, float width) {
    }

    private record Line(List<Piece> pieces, float width) {
    }

    /** Where the next line goes: the current page, its content stream and the height left on it. */
    private static final class Canvas implements AutoCloseable {

        private final PDDocument document;
        private final Fonts fonts;
        private PDPage page;
        private PDPageContentStream content;
        private float y;

        Canvas(PDDocument document) throws IOException {
            this.document = document;
            this.fonts = Fonts.helvetica();
            newPage();
        }

        void space(float points) {
            y -= points;
        }

        /** Starts a new page unless this much height is left on the current one. */
        void keepTogether(float height) throws IOException {
            if (y - height < MARGIN) {
                newPage();
            }
        }

        void rule(float thickness) throws IOException {
            keepTogether(thickness);
            content.setStrokingColor(RULE);
            content.setLineWidth(thickness);
            content.moveTo(MARGIN, y);
            content.lineTo(MARGIN + WIDTH, y);
            content.stroke();
            y -= thickness;
        }

        /** A bullet's marker, on the line the item's text starts on. */
        void marker(String marker, float indent, float size) throws IOException {
            content.beginText();
            content.setFont(fonts.regular(), size);
            content.setNonStrokingColor(MUTED);
            content.newLineAtOffset(MARGIN + indent, y - size);
            content.showText(marker);
            content.endText();
        }

        /** Wraps the spans to the width left after the indent, and draws them line by line. */
        void text(List<Span> spans, float size, Color color, float indent, boolean centred) throws IOException {
            for (Line line : layout(withPrintedUrls(spans), size, WIDTH - indent)) {
                float leading = size * LEADING;
                keepTogether(leading);
                float x = MARGIN + indent + (centred ? (WIDTH - indent - line.width()) / 2 : 0);
                drawLine(line, x, y - size, size, color);
                y -= leading;
            }
        }

        void table(Table table, float size) throws IOException {
            int columns = table.rows().get(0).size();
            float[] widths = columnWidths(table, size, columns);
            boolean header = true;
            for (List<List<Span>> row : table.rows()) {
                List<List<Line>> cells = new ArrayList<>();
                int height = 1;
                for (int c = 0; c < columns; c++) {
                    List<Span> spans = header ? emboldened(row.get(c)) : row.get(c);
                    List<Line> lines = layout(spans, size, widths[c] - 2 * CELL_PADDING);
                    cells.add(lines);
                    height = Math.max(height, lines.size());
                }
                float rowHeight = height * size * LEADING + 2 * CELL_PADDING;
                keepTogether(rowHeight);
                float x = MARGIN;
                for (int c = 0; c < columns; c++) {
                    float lineY = y - CELL_PADDING - size;
                    for (Line line : cells.get(c)) {
                        drawLine(line, x + CELL_PADDING, lineY, size, INK);
                        lineY -= size * LEADING;
                    }
                    x += widths[c];
                }
                y -= rowHeight;
                rule(header ? 0.75f : 0.25f);
                header = false;
            }
        }

        /** Each column as wide as its widest cell, scaled down together when they do not fit. */
        private float[] columnWidths(Table table, float size, int columns) throws IOException {
            float[] natural = new float[columns];
            for (List<List<Span>> row : table.rows()) {
                for (int c = 0; c < columns; c++) {
                    float width = 2 * CELL_PADDING;
                    for (Line line : layout(emboldened(row.get(c)), size, Float.MAX_VALUE)) {
                        width = Math.max(width, line.width() + 2 * CELL_PADDING + 1);
                    }
                    natural[c] = Math.max(natural[c], width);
                }
            }
            float total = 0;
            for (float width : natural) {
                total += width;
            }
            float[] widths = new float[columns];
            for (int c = 0; c < columns; c++) {
                widths[c] = total > WIDTH ? Math.max(WIDTH * natural[c] / total, Math.min(natural[c], 40)) : natural[c];
            }
            if (total < WIDTH) {
                widths[columns - 1] += WIDTH - total;
            }
            return widths;
        }

        private void drawLine(Line line, float x, float baseline, float size, Color color) throws IOException {
            for (Piece piece : line.pieces()) {
                content.beginText();
                content.setFont(piece.font(), size);
                content.setNonStrokingColor(piece.url() != null ? LINK : color);
                content.newLineAtOffset(x + piece.x(), baseline);
                content.showText(piece.text());
                content.endText();
                if (piece.url() != null) {
                    link(piece.url(), x + piece.x(), baseline - size * 0.25f, piece.width(), size * 1.2f);
                }
            }
        }

        private void link(String url, float x, float y, float width, float height) throws IOException {
            PDAnnotationLink link = new PDAnnotationLink();
            link.setRectangle(new PDRectangle(x, y, width, height));
            PDBorderStyleDictionary noBorder = new PDBorderStyleDictionary();
            noBorder.setWidth(0);
            link.setBorderStyle(noBorder);
            PDActionURI action = new PDActionURI();
            action.setURI(url);
            link.setAction(action);
            page.getAnnotations().add(link);
        }

        /**
         * Greedy line filling, word by word; a word longer than the line is cut. Adjacent
         * words in the same font and link share one piece.
         */
        private List<Line> layout(List<Span> spans, float size, float width) throws IOException {
            List<Line> lines = new ArrayList<>();
            List<Piece> pieces = new ArrayList<>();
            float x = 0;
            boolean spaceBefore = false;
            for (Span span : spans) {
                if (span.isLineBreak()) {
                    lines.add(new Line(pieces, x));
                    pieces = new ArrayList<>();
                    x = 0;
                    spaceBefore = false;
                    continue;
                }
                PDType1Font font = fonts.of(span);
                String text = WinAnsiText.of(span.text());
                spaceBefore |= !text.isEmpty() && Character.isWhitespace(text.charAt(0));
                for (String word : text.strip().split("\\s+")) {
                    if (word.isEmpty()) {
                        continue;
                    }
                    float space = spaceBefore && !pieces.isEmpty() ? widthOf(" ", font, size) : 0;
                    float wordWidth = widthOf(word, font, size);
                    if (!pieces.isEmpty() && x + space + wordWidth > width) {
                        lines.add(new Line(pieces, x));
                        pieces = new ArrayList<>();
                        x = 0;
                        space = 0;
                    }
                    while (wordWidth > width && word.length() > 1) {
                        int fits = fittingPrefix(word, font, size, width - x);
                        pieces.add(new Piece(word.substring(0, fits), font, span.url(), x, widthOf(word.substring(0, fits), font, size)));
                        lines.add(new Line(pieces, width));
                        pieces = new ArrayList<>();
                        x = 0;
                        word = word.substring(fits);
                        wordWidth = widthOf(word, font, size);
                    }
                    Piece last = pieces.isEmpty() ? null : pieces.get(pieces.size() - 1);
                    if (last != null && last.font() == font && java.util.Objects.equals(last.url(), span.url())) {
                        String joined = last.text() + (space > 0 ? " " : "") + word;
                        pieces.set(pieces.size() - 1, new Piece(joined, font, span.url(), last.x(), last.width() + space + wordWidth));
                    } else {
                        pieces.add(new Piece(word, font, span.url(), x + space, wordWidth));
                    }
                    x += space + wordWidth;
                    spaceBefore = true;
                }
                spaceBefore = !text.isEmpty() && Character.isWhitespace(text.charAt(text.length() - 1));
            }
            if (!pieces.isEmpty() || lines.isEmpty()) {
                lines.add(new Line(pieces, x));
            }
            return lines;
        }

        private static int fittingPrefix(String word, PDType1Font font, float size, float width) throws IOException {
            int fits = 1;
            while (fits < word.length() && widthOf(word.substring(0, fits + 1), font, size) <= width) {
                fits++;
            }
            return fits;
        }

        private static float widthOf(String text, PDType1Font font, float size) throws IOException {
            return font.getStringWidth(text) / 1000 * size;
        }

        private void newPage() throws IOException {
            if (content != null) {
                content.close();
            }
            page = new PDPage(PAGE);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = PAGE.getHeight() - MARGIN;
        }

        @Override
        public void close() throws IOException {
            content.close();
        }
    }

    private static List<Span> emboldened(List<Span> spans) {
        return spans.stream().map(span -> span.isLineBreak() ? span : new Span(span.text(), true, span.italic(), span.url())).toList();
    }

    /** A link's address follows its text on paper, unless the text already is the address. */
    private static List<Span> withPrintedUrls(List<Span> spans) {
        List<Span> printed = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            Span span = spans.get(i);
            printed.add(span);
            boolean lastOfLink = span.url() != null && (i + 1 == spans.size() || !span.url().equals(spans.get(i + 1).url()));
            if (lastOfLink && !bare(span.url()).equalsIgnoreCase(bare(linkText(spans, i)))) {
                printed.add(new Span(" (" + bare(span.url()) + ")", false, false, span.url()));
            }
        }
        return printed;
    }

    private static String linkText(List<Span> spans, int last) {
        StringBuilder text = new StringBuilder();
        for (int i = last; i >= 0 && spans.get(i).url() != null && spans.get(i).url().equals(spans.get(last).url()); i--) {
            text.insert(0, spans.get(i).text());
        }
        return text.toString().strip();
    }

    /** "https://x.dev/" → "x.dev", "mailto:a@b.c" → "a@b.c": how an address reads on a resume. */
    private static String bare(String url) {
        return url.replaceFirst("^(?i)(https?://(www\\.)?|mailto:|tel:)", "").replaceFirst("/$", "");
    }
}
