package dev.shortlist.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Files built to break an upload path: bombs, locked and truncated documents. */
final class HostileFiles {

    private HostileFiles() {
    }

    /** A DOCX-shaped zip whose document.xml inflates to {@code expandedBytes} of zeros. */
    static byte[] zipBomb(long expandedBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < expandedBytes; written += zeros.length) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /**
     * A real DOCX whose document.xml is padded with {@code padding} bytes of trailing
     * whitespace: still valid XML, but it inflates about a thousand times, as bombs do.
     */
    static byte[] paddedDocx(byte[] baseDocx, long padding) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(baseDocx));
                ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(zip);
                if (entry.getName().equals("word/document.xml")) {
                    byte[] spaces = new byte[1 << 20];
                    Arrays.fill(spaces, (byte) ' ');
                    for (long written = 0; written < padding; written += spaces.length) {
                        zip.write(spaces);
                    }
                }
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A DOCX-shaped zip with more entries than any resume has. */
    static byte[] zipWithEntries(int entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write("<w:document/>".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < entries; i++) {
                zip.putNextEntry(new ZipEntry("word/media/image" + i + ".png"));
                zip.write(1);
            }
        }
        return bytes.toByteArray();
    }

    static byte[] pdfWithText(String text) throws IOException {
        try (PDDocument document = new PDDocument()) {
            addPageWithText(document, text);
            return save(document);
        }
    }

    /** A PDF whose only page has no text layer, as a scan would. */
    static byte[] pdfWithoutText() throws IOException {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            return save(document);
        }
    }

    static byte[] encryptedPdf(String text) throws IOException {
        try (PDDocument document = new PDDocument()) {
            addPageWithText(document, text);
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            return save(document);
        }
    }

    static void addPageWithText(PDDocument document, String text) throws IOException {
        PDPage page = new PDPage();
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            content.beginText();
            content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
            content.newLineAtOffset(72, 700);
            content.showText(text);
            content.endText();
        }
    }

    static byte[] truncated(byte[] file, double keep) {
        return Arrays.copyOf(file, (int) (file.length * keep));
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }
}
