package dev.shortlist.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image sizes are read from headers alone, for every format scans arrive in. */
class ImageHeaderTest {

    @TempDir
    Path folder;

    @Test
    void sizesComeFromTheHeadersOfPngJpegAndTiff() throws IOException {
        BufferedImage image = new BufferedImage(321, 123, BufferedImage.TYPE_BYTE_GRAY);

        assertThat(ImageHeader.read(file(Scans.png(image)), MediaKind.PNG, 10)).isEqualTo(new ImageHeader.Size(321, 123, 1));
        assertThat(ImageHeader.read(file(Scans.jpeg(image)), MediaKind.JPEG, 10)).isEqualTo(new ImageHeader.Size(321, 123, 1));
        assertThat(ImageHeader.read(file(Scans.tiff(List.of(image))), MediaKind.TIFF, 10))
                .isEqualTo(new ImageHeader.Size(321, 123, 1));
    }

    @Test
    void aTiffCountsItsPagesAndReportsItsLargest() throws IOException {
        List<BufferedImage> pages = List.of(new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY),
                new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY), new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY));
        Path tiff = file(Scans.tiff(pages));

        assertThat(ImageHeader.read(tiff, MediaKind.TIFF, 10)).isEqualTo(new ImageHeader.Size(40, 30, 3));
        assertThat(ImageHeader.read(tiff, MediaKind.TIFF, 1).pages()).as("counting stops past the limit").isEqualTo(2);
    }

    @Test
    void aHeaderClaimingBillionsOfPixelsIsTakenAtItsWord() throws IOException {
        assertThat(ImageHeader.read(file(Scans.pngClaiming(100_000, 100_000)), MediaKind.PNG, 10).pixels())
                .isEqualTo(10_000_000_000L);
    }

    @Test
    void aCutOffHeaderIsDamaged() throws IOException {
        byte[] jpeg = Scans.jpeg(new BufferedImage(50, 50, BufferedImage.TYPE_BYTE_GRAY));
        Path cut = file(Arrays.copyOf(jpeg, 20));

        assertThatThrownBy(() -> ImageHeader.read(cut, MediaKind.JPEG, 10))
                .isInstanceOfSatisfying(DocumentRejected.class, e -> assertThat(e.detail()).contains("JPEG image is damaged"));
    }

    private Path file(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(folder, "image-", ".bin"), bytes);
    }
}
