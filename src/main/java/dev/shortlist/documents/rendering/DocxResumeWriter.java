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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import org.apache.poi.xwpf.usermodel.Borders;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.UnderlinePatterns;
import org.apache.poi.xwpf.usermodel.XWPFAbstractNum;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPrGeneral;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STNumberFormat;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * Writes a {@link MarkdownResume} as a Word document that edits like one written by
 * hand: headings use the built-in "heading 1–3" styles (so Word's navigation pane and
 * ATS parsers see the sections), bullets are a real bulleted list, links are hyperlinks,
 * and the page is A4 with 3/4-inch margins.
 */
final class DocxResumeWriter {

    private static final String FONT = "Calibri";
    private static final int BODY_HALF_POINTS = 21;
    private static final String INK = "1A1A1A";
    private static final String MUTED = "555555";
    private static final String LINK = "1F4E79";
    private static final BigInteger A4_WIDTH = BigInteger.valueOf(11906); // twentieths of a point
    private static final BigInteger A4_HEIGHT = BigInteger.valueOf(16838);
    private static final BigInteger MARGIN = BigInteger.valueOf(1080);

    /** Heading styles by level: id, Word's built-in name, size in half points. */
    private record HeadingStyle(String id, String name, int halfPoints) {
    }

    private static final List<HeadingStyle> HEADINGS = List.of(
            new HeadingStyle("Heading1", "heading 1", 40),
            new HeadingStyle("Heading2", "heading 2", 26),
            new HeadingStyle("Heading3", "heading 3", 22));

    byte[] write(MarkdownResume resume) {
        OffEventLoop.check("DOCX rendering");
        try (XWPFDocument document = new XWPFDocument()) {
            document.getProperties().getCoreProperties().setTitle(resume.title());
            document.getProperties().getCoreProperties().setCreator("Shortlist");
            pageSetup(document);
            styles(document);
            BigInteger bullets = bulletList(document);
            for (Block block : resume.blocks()) {
                add(document, block, bullets);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(XWPFDocument document, Block block, BigInteger bullets) {
        if (block instanceof Heading heading) {
            XWPFParagraph paragraph = document.createParagraph();
            paragraph.setStyle(HEADINGS.get(heading.level() - 1).id());
            if (heading.level() == 1) {
                paragraph.setAlignment(ParagraphAlignment.CENTER);
            }
            runs(paragraph, heading.spans(), null);
        } else if (block instanceof Contact contact) {
            XWPFParagraph paragraph = document.createParagraph();
            paragraph.setAlignment(ParagraphAlignment.CENTER);
            paragraph.setSpacingAfter(200);
            runs(paragraph, contact.spans(), MUTED);
        } else if (block instanceof Paragraph text) {
            runs(document.createParagraph(), text.spans(), null);
        } else if (block instanceof Bullet bullet) {
            XWPFParagraph paragraph = document.createParagraph();
            paragraph.setNumID(bullets);
            paragraph.setNumILvl(BigInteger.valueOf(bullet.depth()));
            paragraph.setSpacingAfter(40);
            runs(paragraph, bullet.spans(), null);
        } else if (block instanceof Rule) {
            document.createParagraph().setBorderBottom(Borders.SINGLE);
        } else if (block instanceof Table table) {
            table(document, table);
        }
    }

    private static void table(XWPFDocument document, Table table) {
        int columns = table.rows().get(0).size();
        XWPFTable grid = document.createTable(table.rows().size(), columns);
        grid.setWidth("100%");
        for (int r = 0; r < table.rows().size(); r++) {
            for (int c = 0; c < columns; c++) {
                XWPFTableCell cell = grid.getRow(r).getCell(c);
                XWPFParagraph paragraph = cell.getParagraphs().get(0);
                List<Span> spans = table.rows().get(r).get(c);
                runs(paragraph, r == 0 ? spans.stream().map(DocxResumeWriter::bold).toList() : spans, null);
            }
        }
        document.createParagraph();
    }

    private static Span bold(Span span) {
        return span.isLineBreak() ? span : new Span(span.text(), true, span.italic(), span.url());
    }

    private static void runs(XWPFParagraph paragraph, List<Span> spans, String color) {
        for (Span span : spans) {
            if (span.isLineBreak()) {
                paragraph.createRun().addBreak();
                continue;
            }
            XWPFRun run = span.url() != null ? paragraph.createHyperlinkRun(span.url()) : paragraph.createRun();
            run.setText(span.text());
            if (span.bold()) {
                run.setBold(true);
            }
            if (span.italic()) {
                run.setItalic(true);
            }
            if (span.url() != null) {
                run.setUnderline(UnderlinePatterns.SINGLE);
                run.setColor(LINK);
            } else if (color != null) {
                run.setColor(color);
            }
        }
    }

    private static void pageSetup(XWPFDocument document) {
        CTSectPr section = document.getDocument().getBody().addNewSectPr();
        CTPageSz size = section.addNewPgSz();
        size.setW(A4_WIDTH);
        size.setH(A4_HEIGHT);
        CTPageMar margins = section.addNewPgMar();
        margins.setTop(MARGIN);
        margins.setBottom(MARGIN);
        margins.setLeft(MARGIN);
        margins.setRight(MARGIN);
        // Required by the schema, though they matter only with headers, footers or binding.
        margins.setHeader(BigInteger.valueOf(720));
        margins.setFooter(BigInteger.valueOf(720));
        margins.setGutter(BigInteger.ZERO);
    }

    private static void styles(XWPFDocument document) {
        XWPFStyles styles = document.createStyles();
        CTFonts fonts = CTFonts.Factory.newInstance();
        fonts.setAscii(FONT);
        fonts.setHAnsi(FONT);
        fonts.setCs(FONT);
        styles.setDefaultFonts(fonts);
        CTStyle normal = CTStyle.Factory.newInstance();
        normal.setStyleId("Normal");
        normal.setType(STStyleType.PARAGRAPH);
        normal.setDefault(true);
        normal.addNewName().setVal("Normal");
        normal.addNewQFormat();
        normal.addNewPPr().addNewSpacing().setAfter(BigInteger.valueOf(80));
        CTRPr normalRun = normal.addNewRPr();
        normalRun.addNewSz().setVal(BigInteger.valueOf(BODY_HALF_POINTS));
        normalRun.addNewColor().setVal(INK);
        styles.addStyle(new XWPFStyle(normal, styles));
        for (int level = 0; level < HEADINGS.size(); level++) {
            styles.addStyle(new XWPFStyle(heading(HEADINGS.get(level), level), styles));
        }
    }

    private static CTStyle heading(HeadingStyle heading, int outlineLevel) {
        CTStyle style = CTStyle.Factory.newInstance();
        style.setStyleId(heading.id());
        style.setType(STStyleType.PARAGRAPH);
        style.addNewName().setVal(heading.name());
        style.addNewBasedOn().setVal("Normal");
        style.addNewNext().setVal("Normal");
        style.addNewUiPriority().setVal(BigInteger.valueOf(9));
        style.addNewQFormat();
        CTPPrGeneral paragraph = style.addNewPPr();
        paragraph.addNewKeepNext();
        paragraph.addNewOutlineLvl().setVal(BigInteger.valueOf(outlineLevel));
        paragraph.addNewSpacing().setBefore(BigInteger.valueOf(outlineLevel == 0 ? 0 : 200));
        if (outlineLevel == 1) {
            var border = paragraph.addNewPBdr().addNewBottom();
            border.setVal(org.openxmlformats.schemas.wordprocessingml.x2006.main.STBorder.SINGLE);
            border.setSz(BigInteger.valueOf(4));
            border.setColor("B0B0B0");
        }
        CTRPr run = style.addNewRPr();
        run.addNewB();
        run.addNewSz().setVal(BigInteger.valueOf(heading.halfPoints()));
        run.addNewColor().setVal(INK);
        return style;
    }

    /** One bulleted list definition: a filled bullet at the top level, an open one nested. */
    private static BigInteger bulletList(XWPFDocument document) {
        CTAbstractNum list = CTAbstractNum.Factory.newInstance();
        list.setAbstractNumId(BigInteger.ZERO);
        String[] markers = { "\u2022", "\u25E6" };
        for (int level = 0; level < markers.length; level++) {
            CTLvl lvl = list.addNewLvl();
            lvl.setIlvl(BigInteger.valueOf(level));
            lvl.addNewStart().setVal(BigInteger.ONE);
            lvl.addNewNumFmt().setVal(STNumberFormat.BULLET);
            lvl.addNewLvlText().setVal(markers[level]);
            var indent = lvl.addNewPPr().addNewInd();
            indent.setLeft(BigInteger.valueOf(360L * (level + 1)));
            indent.setHanging(BigInteger.valueOf(240));
        }
        XWPFNumbering numbering = document.createNumbering();
        BigInteger abstractId = numbering.addAbstractNum(new XWPFAbstractNum(list, numbering));
        return numbering.addNum(abstractId);
    }
}
