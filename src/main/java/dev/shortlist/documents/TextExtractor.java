package dev.shortlist.documents;

import dev.shortlist.cpu.OffEventLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
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
 * cells in reading order). CPU- and memory-heavy: callers run it on the bounded
 * extraction pool.
 */
final class TextExtractor {

    /** Text of a document and, where the format has them, its pages. */
    record Extraction(String text, Integer pages) {
    }

    /** Below this compressed/expanded ratio an entry is a bomb (POI's default is 0.01). */
    private static final double MIN_INFLATE_RATIO = 0.01;

    private final DocumentsConfig config;

    TextExtractor(DocumentsConfig config) {
        this.config = config;
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
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setEndPage(config.maxPages());
            return new Extraction(stripper.getText(document), document.getNumberOfPages());
        } catch (InvalidPasswordException e) {
            throw encrypted();
        } catch (IOException | RuntimeException e) {
            if (e instanceof DocumentRejected rejected) {
                throw rejected;
            }
            throw DocumentRejected.unreadable("corrupt-document", "The PDF file is damaged or truncated and could not be read.");
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
