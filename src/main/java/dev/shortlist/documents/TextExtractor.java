package dev.shortlist.documents;

import dev.shortlist.platform.cpu.OffEventLoop;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * Reads the text out of a sniffed document: PDFBox for PDF (in content order, which
 * keeps the columns of two-column layouts apart), POI for DOCX (paragraphs and table
 * cells in reading order), tesseract for images and for PDF pages without a text layer
 * (scans). CPU- and memory-heavy: callers run it on the bounded extraction pool.
 */
final class TextExtractor {

    /**
     * Text of a document and, where the format has them, its pages; how its scans were read
     * (null when none were), or why scans in it could not be read (null when none needed it).
     */
    record Extraction(String text, Integer pages, Document.Ocr ocr, String ocrUnavailable) {

        Extraction(String text, Integer pages) {
            this(text, pages, null, null);
        }
    }

    /** Below this compressed/expanded ratio an entry is a bomb (POI's default is 0.01). */
    private static final double MIN_INFLATE_RATIO = 0.01;

    private final DocumentsConfig config;
    private final Tesseract tesseract;

    TextExtractor(DocumentsConfig config) {
        this.config = config;
        this.tesseract = new Tesseract(config.ocr());
        // POI's zip guards are global; they hold for every DOCX this process opens.
        ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
        ZipSecureFile.setMaxEntrySize(config.maxExpandedSize().asLongValue());
    }

    Extraction extract(Path file, MediaKind kind) {
        OffEventLoop.check("Text extraction");
        try {
            return switch (kind) {
                case PDF -> pdf(file);
                case DOCX -> docx(file);
                case TEXT, MARKDOWN -> new Extraction(Files.readString(file, StandardCharsets.UTF_8), null);
                case PNG, JPEG, TIFF -> image(file, kind);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Extraction pdf(Path file) {
        try (PDDocument document = Loader.loadPDF(new RandomAccessReadBufferedFile(file.toFile()), "", null, null,
                IOUtils.createTempFileOnlyStreamCache())) {
            if (document.isEncrypted() && !document.getCurrentAccessPermission().canExtractContent()) {
                throw encrypted();
            }
            PageTextStripper stripper = new PageTextStripper();
            stripper.setEndPage(config.maxPages());
            String text = stripper.text(document);
            if (stripper.pages.stream().noneMatch(String::isBlank)) {
                return new Extraction(text, document.getNumberOfPages());
            }
            Optional<String> unavailable = tesseract.unavailable();
            if (unavailable.isPresent()) {
                return new Extraction(text, document.getNumberOfPages(), null, unavailable.get());
            }
            return withScannedPages(document, stripper.pages);
        } catch (InvalidPasswordException e) {
            throw encrypted();
        } catch (IOException | RuntimeException e) {
            if (e instanceof DocumentRejected rejected) {
                throw rejected;
            }
            throw DocumentRejected.unreadable("corrupt-document", "The PDF file is damaged or truncated and could not be read.");
        }
    }

    /**
     * Pages with text keep it; pages without are rendered (grey, at the configured dpi, scaled
     * down to the pixel limit) and read by OCR, up to the OCR page limit.
     */
    private Extraction withScannedPages(PDDocument document, List<String> pageTexts) throws IOException {
        Instant deadline = Instant.now().plus(config.ocr().timeout());
        PDFRenderer renderer = new PDFRenderer(document);
        renderer.setSubsamplingAllowed(true);
        StringBuilder text = new StringBuilder();
        OcrTally tally = new OcrTally();
        int notRead = 0;
        for (int i = 0; i < pageTexts.size(); i++) {
            String pageText = pageTexts.get(i);
            if (!pageText.isBlank()) {
                text.append(pageText).append('\n');
            } else if (tally.pages < config.ocr().maxPages()) {
                PDPage page = document.getPage(i);
                checkImages(page);
                text.append(tally.add(ocrPage(renderer, page, i, deadline))).append('\n');
            } else {
                notRead++;
            }
        }
        return new Extraction(text.toString(), document.getNumberOfPages(), tally.summary(notRead), null);
    }

    private Tesseract.Reading ocrPage(PDFRenderer renderer, PDPage page, int index, Instant deadline) throws IOException {
        PDRectangle box = page.getCropBox();
        float scale = config.ocr().dpi() / 72f;
        double pixels = (double) box.getWidth() * scale * box.getHeight() * scale;
        if (pixels > config.ocr().maxPixels()) {
            scale *= (float) Math.sqrt(config.ocr().maxPixels() / pixels);
        }
        BufferedImage image = renderer.renderImage(index, scale, ImageType.GRAY);
        Path pgm = Files.createTempFile("shortlist-page-", ".pgm");
        try {
            Pgm.write(image, pgm);
            return tesseract.read(pgm, deadline);
        } finally {
            Files.deleteIfExists(pgm);
        }
    }

    /** An image drawn on a scanned page is decoded when the page is rendered: its size is checked first. */
    private void checkImages(PDPage page) throws IOException {
        PDResources resources = page.getResources();
        if (resources == null) {
            return;
        }
        for (COSName name : resources.getXObjectNames()) {
            if (resources.getXObject(name) instanceof PDImageXObject picture) {
                checkPixels((long) picture.getWidth() * picture.getHeight(), "An image in the PDF");
            }
        }
    }

    private Extraction image(Path file, MediaKind kind) {
        ImageHeader.Size size = ImageHeader.read(file, kind, config.ocr().maxPages());
        checkPixels(size.pixels(), "The image");
        if (size.pages() > config.ocr().maxPages()) {
            throw DocumentRejected.unreadable("too-many-pages", "The " + kind.label() + " has more than "
                    + config.ocr().maxPages() + " pages, the limit for scanned documents; split it or upload a PDF.");
        }
        Optional<String> unavailable = tesseract.unavailable();
        if (unavailable.isPresent()) {
            return new Extraction("", size.pages(), null, unavailable.get());
        }
        OcrTally tally = new OcrTally();
        String text = tally.add(tesseract.read(file, Instant.now().plus(config.ocr().timeout())));
        tally.pages = size.pages();
        return new Extraction(text, size.pages(), tally.summary(0), null);
    }

    private void checkPixels(long pixels, String what) {
        long limit = config.ocr().maxPixels();
        if (pixels > limit) {
            throw DocumentRejected.unreadable("image-too-large", String.format(Locale.ROOT,
                    "%s is %,d pixels, more than the %,d-pixel limit for scanned images; scan at a lower resolution.",
                    what, pixels, limit));
        }
    }

    /** The words read by OCR across a document's pages, for its mean confidence. */
    private static final class OcrTally {
        private int pages;
        private int words;
        private double confidenceSum;

        String add(Tesseract.Reading reading) {
            pages++;
            words += reading.words();
            confidenceSum += reading.confidenceSum();
            return reading.text();
        }

        /** Null when OCR read no words: there is nothing to be confident about. */
        Document.Ocr summary(int notRead) {
            if (words == 0) {
                return null;
            }
            double mean = Math.round(confidenceSum / words * 10) / 1000.0;
            return new Document.Ocr(pages, mean, notRead);
        }
    }

    /** The text stripper, keeping each page's text apart so that pages without any can be told. */
    private static final class PageTextStripper extends PDFTextStripper {
        private final StringWriter out = new StringWriter();
        private final List<String> pages = new ArrayList<>();
        private int pageStart;

        String text(PDDocument document) throws IOException {
            writeText(document, out);
            return out.toString();
        }

        @Override
        protected void startPage(PDPage page) throws IOException {
            super.startPage(page);
            pageStart = out.getBuffer().length();
        }

        @Override
        protected void endPage(PDPage page) throws IOException {
            super.endPage(page);
            pages.add(out.getBuffer().substring(pageStart));
        }
    }

    private Extraction docx(Path file) {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
                XWPFDocument document = new XWPFDocument(pkg);
                XWPFWordExtractor extractor = new XWPFWordExtractor(document)) {
            int pages = document.getProperties().getExtendedProperties().getPages();
            return new Extraction(extractor.getText(), pages > 0 ? pages : null);
        } catch (InvalidFormatException | IOException | RuntimeException e) {
            if (mentionsZipBomb(e)) {
                throw DocumentRejected.unreadable("decompression-bomb", "The DOCX file was refused: it expands too far to be a resume.");
            }
            throw DocumentRejected.unreadable("corrupt-document", "The DOCX file is damaged and could not be read.");
        }
    }

    /** POI reports its zip guards through messages, sometimes wrapped in other exceptions. */
    private static boolean mentionsZipBomb(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (message.contains("zip bomb") || message.contains("max entry size") || message.contains("inflate ratio")) {
                return true;
            }
        }
        return false;
    }

    private static DocumentRejected encrypted() {
        return DocumentRejected.unreadable("encrypted-document",
                "The PDF is password-protected; upload a copy without a password.");
    }
}
