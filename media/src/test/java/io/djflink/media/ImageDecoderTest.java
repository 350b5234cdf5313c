package io.djflink.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_WEBP_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecoderTest {

    @BeforeAll
    static void load() {
        ImageDecoder.load();
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpg", "gif", "bmp", "tiff"})
    void headerAndDecodeAgreeOnTheShape(String format) throws Exception {
        byte[] file = TestMedia.encode(TestMedia.picture(53, 21, 1), format);

        ImageHeader h = ImageHeader.read("x." + format, file);
        DecodedImage img = ImageDecoder.decode("x." + format, file);

        assertThat(h.width()).isEqualTo(53);
        assertThat(h.height()).isEqualTo(21);
        assertThat(img.width()).isEqualTo(53);
        assertThat(img.height()).isEqualTo(21);
    }

    @Test
    void webpHeadersOfEveryKindGiveTheShape() throws Exception {
        DecodedImage src = ImageDecoder.decode("p.png", TestMedia.encode(TestMedia.picture(70, 31, 2), "png"));
        for (int quality : new int[] {80, 101}) { // 101 = lossless (VP8L)
            byte[] webp = toWebp(src, quality);
            assertThat(ImageHeader.read("p.webp", webp)).isEqualTo(new ImageHeader("WEBP", 70, 31));
            assertThat(ImageDecoder.decode("p.webp", webp).width()).isEqualTo(70);
        }
    }

    @Test
    void pngPixelsArriveExactlyInBgrOrder() throws Exception {
        BufferedImage src = TestMedia.picture(9, 7, 3);
        DecodedImage img = ImageDecoder.decode("p.png", TestMedia.encode(src, "png"));
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 9; x++) {
                int rgb = src.getRGB(x, y);
                int i = (y * 9 + x) * 3;
                assertThat(new int[] {img.bgr()[i] & 0xFF, img.bgr()[i + 1] & 0xFF, img.bgr()[i + 2] & 0xFF})
                        .containsExactly(rgb & 0xFF, (rgb >> 8) & 0xFF, (rgb >> 16) & 0xFF);
            }
        }
    }

    @Test
    void exifOrientationIsAppliedAsDataJuicersLoaderDoes() throws Exception {
        byte[] jpeg = TestMedia.encode(TestMedia.picture(40, 16, 4), "jpg");

        DecodedImage upright = ImageDecoder.decode("o1.jpg", TestMedia.withExifOrientation(jpeg, 1));
        DecodedImage turned = ImageDecoder.decode("o6.jpg", TestMedia.withExifOrientation(jpeg, 6));

        assertThat(new int[] {upright.width(), upright.height()}).containsExactly(40, 16);
        assertThat(new int[] {turned.width(), turned.height()}).containsExactly(16, 40);
    }

    @Test
    void anEmptyFileIsRefused() {
        assertThatThrownBy(() -> ImageDecoder.decode("e.png", new byte[0]))
                .isInstanceOf(MediaException.class).hasMessage("e.png: the file is empty (0 bytes)");
    }

    @Test
    void textNamedPngIsRefusedWithWhatItStartsWith() {
        assertThatThrownBy(() -> ImageDecoder.decode("notes.png", "hello, world\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MediaException.class)
                .hasMessageStartingWith("notes.png: not an image in a format djflink decodes")
                .hasMessageContaining("'hello, w'");
    }

    @Test
    void aTruncatedPngIsRefused() throws Exception {
        byte[] png = TestMedia.encode(TestMedia.picture(64, 64, 5), "png");
        assertThatThrownBy(() -> ImageDecoder.decode("cut.png", Arrays.copyOf(png, png.length / 2)))
                .isInstanceOf(MediaException.class)
                .hasMessageStartingWith("cut.png: the PNG image cannot be decoded");
    }

    @Test
    void aTruncatedJpegIsRefusedThoughLibjpegWouldFillItWithGrey() throws Exception {
        byte[] jpeg = TestMedia.encode(TestMedia.picture(64, 64, 6), "jpg");
        assertThatThrownBy(() -> ImageDecoder.decode("cut.jpg", Arrays.copyOf(jpeg, jpeg.length * 2 / 3)))
                .isInstanceOf(MediaException.class)
                .hasMessageStartingWith("cut.jpg: the JPEG is truncated");
    }

    @Test
    void aHeaderCutShortIsRefused() throws Exception {
        byte[] png = TestMedia.encode(TestMedia.picture(8, 8, 7), "png");
        assertThatThrownBy(() -> ImageDecoder.decode("stub.png", Arrays.copyOf(png, 18)))
                .isInstanceOf(MediaException.class)
                .hasMessageContaining("header is cut short");
    }

    @Test
    void anAbsurdResolutionIsRefusedFromTheHeaderBeforeDecoding() {
        // 10^10 pixels: a decoder would try to allocate 30 GB
        assertThatThrownBy(() -> ImageDecoder.decode("bomb.png", TestMedia.pngDeclaring(100_000, 100_000)))
                .isInstanceOf(MediaException.class)
                .hasMessageStartingWith("bomb.png: the image header declares 100000x100000 = 10000000000 pixels, more than 178956970");
    }

    @Test
    void aZeroDimensionIsRefused() {
        assertThatThrownBy(() -> ImageDecoder.decode("flat.png", TestMedia.pngDeclaring(0, 10)))
                .isInstanceOf(MediaException.class)
                .hasMessage("flat.png: the image header declares 0x10 pixels");
    }

    private static byte[] toWebp(DecodedImage img, int quality) {
        try (BytePointer px = new BytePointer(img.bgr());
                Mat m = new Mat(img.height(), img.width(), org.bytedeco.opencv.global.opencv_core.CV_8UC3, px);
                BytePointer out = new BytePointer();
                org.bytedeco.javacpp.IntPointer params = new org.bytedeco.javacpp.IntPointer(IMWRITE_WEBP_QUALITY, quality)) {
            imencode(".webp", m, out, params);
            byte[] b = new byte[(int) out.limit()];
            out.get(b);
            return b;
        }
    }
}
