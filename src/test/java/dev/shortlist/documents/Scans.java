package dev.shortlist.documents;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Scanned documents made in the test: text drawn black on white in a plain 12 pt font on
 * US Letter pages at 300 dpi, as a scanner gives them, as images or as a PDF of images
 * with no text layer.
 */
final class Scans {

    private static final int DPI = 300;
    private static final int WIDTH = (int) (8.5 * DPI);
    private static final int HEIGHT = 11 * DPI;
    private static final int MARGIN = DPI / 2;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12 * DPI / 72);

    private Scans() {
    }

    /** The text on as many pages as it needs, lines wrapped at the margins. */
    public static List<BufferedImage> pages(String text) {
        List<BufferedImage> pages = new ArrayList<>();
        BufferedImage page = blank();
        Graphics2D g = draw(page);
        FontMetrics metrics = g.getFontMetrics();
        int leading = metrics.getHeight() * 13 / 10;
        int y = MARGIN + metrics.getAscent();
        for (String line : wrap(text, metrics)) {
            if (y > HEIGHT - MARGIN) {
                g.dispose();
                pages.add(page);
                page = blank();
                g = draw(page);
                y = MARGIN + metrics.getAscent();
            }
            g.drawString(line, MARGIN, y);
            y += leading;
        }
        g.dispose();
        pages.add(page);
        return pages;
    }

    public static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] jpeg(BufferedImage image) {
        return encode("jpeg", List.of(image));
    }

    /** One TIFF holding every page. */
    public static byte[] tiff(List<BufferedImage> pages) {
        return encode("tiff", pages);
    }

    private static byte[] encode(String format, List<BufferedImage> pages) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format.equals("tiff")) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType("Deflate");
            }
            if (pages.size() == 1) {
                writer.write(null, new IIOImage(pages.get(0), null, null), param);
            } else {
                writer.prepareWriteSequence(null);
                for (BufferedImage page : pages) {
                    writer.writeToSequence(new IIOImage(page, null, null), param);
                }
                writer.endWriteSequence();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A PDF of page images and nothing else: no text layer. */
    public static byte[] imagePdf(List<BufferedImage> pages) {
        return pdf(pages, null);
    }

    /** A PDF whose first page has {@code text} as text, followed by page images. */
    public static byte[] pdf(String text, List<BufferedImage> scannedPages) {
        return pdf(scannedPages, text);
    }

    private static byte[] pdf(List<BufferedImage> pages, String textPage) {
        try (PDDocument document = new PDDocument()) {
            if (textPage != null) {
                HostileFiles.addPageWithText(document, textPage);
            }
            for (BufferedImage image : pages) {
                PDPage page = new PDPage(PDRectangle.LETTER);
                document.addPage(page);
                PDImageXObject picture = LosslessFactory.createFromImage(document, image);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.drawImage(picture, 0, 0, PDRectangle.LETTER.getWidth(), PDRectangle.LETTER.getHeight());
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A few bytes of PNG whose header claims a picture of {@code width} × {@code height} pixels. */
    public static byte[] pngClaiming(int width, int height) {
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(out, "IHDR", header.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static BufferedImage blank() {
        BufferedImage page = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.dispose();
        return page;
    }

    private static Graphics2D draw(BufferedImage page) {
        Graphics2D g = page.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(FONT);
        return g;
    }

    private static List<String> wrap(String text, FontMetrics metrics) {
        int width = WIDTH - 2 * MARGIN;
        List<String> lines = new ArrayList<>();
        for (String line : text.strip().split("\\R")) {
            StringBuilder current = new StringBuilder();
            for (String word : line.strip().split(" +")) {
                String candidate = current.isEmpty() ? word : current + " " + word;
                if (!current.isEmpty() && metrics.stringWidth(candidate) > width) {
                    lines.add(current.toString());
                    current = new StringBuilder(word);
                } else {
                    current = new StringBuilder(candidate);
                }
            }
            lines.add(current.toString());
        }
        return lines;
    }
}
