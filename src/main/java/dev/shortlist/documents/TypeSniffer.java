package dev.shortlist.documents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Tells what a file is from its bytes, never from its name or declared type, and turns
 * away what the service cannot or should not read: zip bombs posing as DOCX, legacy or
 * encrypted Office files, binary data, text that is not UTF-8.
 */
final class TypeSniffer {

    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PDF_EOF = "%%EOF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZIP_MAGIC = {0x50, 0x4B, 0x03, 0x04};
    private static final byte[] OLE2_MAGIC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};
    /** The PDF header may follow some junk, but must appear within the first kilobyte. */
    private static final int HEAD_BYTES = 1024;
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] TIFF_LITTLE_MAGIC = {'I', 'I', 42, 0};
    private static final byte[] TIFF_BIG_MAGIC = {'M', 'M', 0, 42};
    private static final String WORD_DOCUMENT = "word/document.xml";

    private final DocumentsConfig config;

    TypeSniffer(DocumentsConfig config) {
        this.config = config;
    }

    /**
     * What the file is. {@code declaredText} chooses between plain text and Markdown,
     * which bytes cannot tell apart.
     */
    MediaKind sniff(Path file, MediaKind declaredText) throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            throw DocumentRejected.unreadable("empty-document", "The file is empty.");
        }
        byte[] head = readHead(file);
        if (indexOf(head, PDF_MAGIC) >= 0) {
            checkPdfEnds(file, size);
            return MediaKind.PDF;
        }
        if (startsWith(head, ZIP_MAGIC)) {
            checkWordPackage(file);
            return MediaKind.DOCX;
        }
        if (startsWith(head, OLE2_MAGIC)) {
            throw DocumentRejected.unsupported(
                    "The file is a legacy Word (.doc) file or a password-protected Office file; save it as an unprotected DOCX or PDF.");
        }
        if (startsWith(head, PNG_MAGIC)) {
            return MediaKind.PNG;
        }
        if (startsWith(head, JPEG_MAGIC)) {
            return MediaKind.JPEG;
        }
        if (startsWith(head, TIFF_LITTLE_MAGIC) || startsWith(head, TIFF_BIG_MAGIC)) {
            return MediaKind.TIFF;
        }
        checkUtf8Text(file);
        return declaredText == MediaKind.MARKDOWN ? MediaKind.MARKDOWN : MediaKind.TEXT;
    }

    /** Whether the file starts as a zip does (a DOCX is one too). */
    static boolean looksLikeZip(Path file) throws IOException {
        return startsWith(readHead(file), ZIP_MAGIC);
    }

    /** Whether an opened zip is a Word document rather than an archive of files. */
    static boolean isWordPackage(ZipFile zip) {
        return zip.getEntry(WORD_DOCUMENT) != null;
    }

    /**
     * A DOCX is a zip holding word/document.xml. The central directory is read before
     * anything is inflated, so a bomb is refused by its entry count and declared sizes;
     * the extractor then also caps the inflate ratio as it reads.
     */
    private void checkWordPackage(Path file) {
        long expanded = 0;
        int entries = 0;
        boolean hasDocument = false;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (++entries > config.maxZipEntries()) {
                    throw bomb("it holds more than " + config.maxZipEntries() + " entries");
                }
                long entrySize = entry.getSize();
                expanded += Math.max(entrySize, 0);
                if (entrySize < 0 || expanded > config.maxExpandedSize().asLongValue()) {
                    throw bomb("it expands beyond " + config.maxExpandedSize().asLongValue() / (1024 * 1024) + " MB");
                }
                hasDocument |= entry.getName().equals(WORD_DOCUMENT);
            }
        } catch (ZipException e) {
            throw DocumentRejected.unreadable("corrupt-document", "The file looks like a DOCX but its zip structure is damaged or truncated.");
        } catch (IOException e) {
            throw DocumentRejected.unreadable("corrupt-document", "The DOCX file could not be read.");
        }
        if (!hasDocument) {
            throw DocumentRejected.unsupported("The file is a zip archive but not a Word document (no word/document.xml).");
        }
    }

    /**
     * A complete PDF ends with an end-of-file marker. PDF parsers are lenient enough to
     * read a cut-off file in part, but a resume missing its end would be scored on what
     * happened to arrive, so a truncated upload is refused.
     */
    private static void checkPdfEnds(Path file, long size) throws IOException {
        try (java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(file)) {
            int tail = (int) Math.min(size, HEAD_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate(tail);
            channel.position(size - tail);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // read the whole tail
            }
            if (indexOf(buffer.array(), PDF_EOF) < 0) {
                throw DocumentRejected.unreadable("corrupt-document",
                        "The PDF file is truncated (it has no end-of-file marker); upload the complete file.");
            }
        }
    }

    private static DocumentRejected bomb(String why) {
        return DocumentRejected.unreadable("decompression-bomb", "The DOCX file was refused: " + why + ".");
    }

    private static void checkUtf8Text(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (byte b : bytes) {
            if (b == 0) {
                throw DocumentRejected.unsupported("The file is binary data, not a PDF, DOCX, plain-text, Markdown, PNG, JPEG or TIFF document.");
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw DocumentRejected.unsupported("Text documents must be UTF-8; this file is not.");
        }
    }

    private static byte[] readHead(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && indexOf(bytes, prefix) == 0;
    }

    private static int indexOf(byte[] bytes, byte[] needle) {
        outer:
        for (int i = 0; i <= bytes.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
