package dev.shortlist.documents;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The size of an image read from its header alone, before anything decodes it: a few bytes
 * can claim a picture of billions of pixels (a decompression bomb), which is refused by its
 * claim. Reads PNG (IHDR), JPEG (the start-of-frame segment) and TIFF (every page's IFD).
 */
final class ImageHeader {

    /** Pixels of the largest page, and the number of pages (1 but for a multi-page TIFF). */
    record Size(long width, long height, int pages) {
        long pixels() {
            return width * height;
        }
    }

    private static final int TIFF_WIDTH = 256;
    private static final int TIFF_HEIGHT = 257;
    private static final int TIFF_SHORT = 3;

    private ImageHeader() {
    }

    /**
     * The image's size; at most {@code pageLimit + 1} TIFF pages are counted (enough to tell
     * the limit is passed).
     */
    static Size read(Path file, MediaKind kind, int pageLimit) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            return switch (kind) {
                case PNG -> png(in);
                case JPEG -> jpeg(in);
                case TIFF -> tiff(in, pageLimit);
                default -> throw new IllegalArgumentException(kind + " is not an image");
            };
        } catch (IOException | IndexOutOfBoundsException e) {
            throw damaged(kind);
        }
    }

    private static Size png(RandomAccessFile in) throws IOException {
        in.seek(12);
        byte[] chunk = new byte[4];
        in.readFully(chunk);
        if (!"IHDR".equals(new String(chunk, java.nio.charset.StandardCharsets.US_ASCII))) {
            throw damaged(MediaKind.PNG);
        }
        return new Size(Integer.toUnsignedLong(in.readInt()), Integer.toUnsignedLong(in.readInt()), 1);
    }

    /** Walks the segments up to the first start-of-frame marker, which holds the size. */
    private static Size jpeg(RandomAccessFile in) throws IOException {
        in.seek(2);
        while (true) {
            int marker = in.readUnsignedByte();
            if (marker != 0xFF) {
                throw damaged(MediaKind.JPEG);
            }
            int type = in.readUnsignedByte();
            while (type == 0xFF) {
                type = in.readUnsignedByte();
            }
            if (type == 0x01 || (type >= 0xD0 && type <= 0xD7)) {
                continue; // markers without a length
            }
            if (type == 0xDA || type == 0xD9) {
                throw damaged(MediaKind.JPEG); // scan data or the end before any frame header
            }
            int length = in.readUnsignedShort();
            boolean frame = type >= 0xC0 && type <= 0xCF && type != 0xC4 && type != 0xC8 && type != 0xCC;
            if (frame) {
                in.readUnsignedByte(); // sample precision
                int height = in.readUnsignedShort();
                int width = in.readUnsignedShort();
                return new Size(width, height, 1);
            }
            in.seek(in.getFilePointer() + length - 2);
        }
    }

    /** Each page (IFD) names its width and height; the chain of pages is followed, never round a loop. */
    private static Size tiff(RandomAccessFile in, int pageLimit) throws IOException {
        boolean little = in.readUnsignedByte() == 'I';
        in.seek(4);
        long offset = unsigned32(in, little);
        long widest = 0;
        long tallest = 0;
        long largest = -1;
        int pages = 0;
        Set<Long> seen = new HashSet<>();
        while (offset != 0 && pages <= pageLimit) {
            if (!seen.add(offset) || offset >= in.length()) {
                throw damaged(MediaKind.TIFF);
            }
            in.seek(offset);
            int entries = unsigned16(in, little);
            long width = -1;
            long height = -1;
            for (int i = 0; i < entries; i++) {
                in.seek(offset + 2 + 12L * i);
                int tag = unsigned16(in, little);
                int type = unsigned16(in, little);
                unsigned32(in, little); // count
                long value = type == TIFF_SHORT ? unsigned16(in, little) : unsigned32(in, little);
                if (tag == TIFF_WIDTH) {
                    width = value;
                } else if (tag == TIFF_HEIGHT) {
                    height = value;
                }
            }
            if (width < 0 || height < 0) {
                throw damaged(MediaKind.TIFF);
            }
            if (width * height > largest) {
                largest = width * height;
                widest = width;
                tallest = height;
            }
            pages++;
            in.seek(offset + 2 + 12L * entries);
            offset = unsigned32(in, little);
        }
        if (pages == 0) {
            throw damaged(MediaKind.TIFF);
        }
        return new Size(widest, tallest, pages);
    }

    private static int unsigned16(RandomAccessFile in, boolean little) throws IOException {
        int value = in.readUnsignedShort();
        return little ? Integer.reverseBytes(value) >>> 16 : value;
    }

    private static long unsigned32(RandomAccessFile in, boolean little) throws IOException {
        int value = in.readInt();
        return Integer.toUnsignedLong(little ? Integer.reverseBytes(value) : value);
    }

    private static DocumentRejected damaged(MediaKind kind) {
        return DocumentRejected.unreadable("corrupt-document", "The " + kind.label() + " is damaged or truncated: its header could not be read.");
    }
}
