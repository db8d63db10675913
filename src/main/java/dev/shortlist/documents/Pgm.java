package dev.shortlist.documents;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a grey image as a binary PGM, the plainest format tesseract reads: a short header
 * and the bytes, with no compression to spend CPU on and no image codec to load.
 */
final class Pgm {

    private Pgm() {
    }

    static void write(BufferedImage image, Path file) throws IOException {
        if (image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            throw new IllegalArgumentException("a grey image is expected");
        }
        int width = image.getWidth();
        int height = image.getHeight();
        Raster raster = image.getRaster();
        byte[] row = new byte[width];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(("P5\n" + width + " " + height + "\n255\n").getBytes(StandardCharsets.US_ASCII));
            for (int y = 0; y < height; y++) {
                raster.getDataElements(0, y, width, 1, row);
                out.write(row);
            }
        }
    }
}
