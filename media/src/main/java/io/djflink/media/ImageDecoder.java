package io.djflink.media;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decodes image files with OpenCV's codecs (libpng, libjpeg-turbo, libwebp, libtiff, its GIF and
 * BMP readers): the header is read and checked first ({@link ImageHeader}, the pixel limit of
 * {@link MediaLimits}), so a file that declares absurd dimensions is refused before any decoder
 * allocates for it.
 */
public final class ImageDecoder {

    private ImageDecoder() {}

    /** Loads OpenCV's natives (about a second on first use in a JVM); ops call it from {@code open()}. */
    public static void load() {
        Loader.load(opencv_imgcodecs.class);
    }

    /**
     * Decodes a whole image file to BGR, upright by its EXIF orientation, as Data-Juicer's loader
     * does ({@code datasets.Image} decoding, then {@code convert('RGB')}).
     *
     * @throws MediaException naming the location when the file is empty, not a known image format,
     *     over the pixel limit, truncated or corrupt
     */
    public static DecodedImage decode(String location, byte[] file) throws MediaException {
        ImageHeader h = ImageHeader.read(location, file);
        MediaLimits.checkPixels(location, h.width(), h.height());
        try (BytePointer data = new BytePointer(file);
                Mat encoded = new Mat(1, file.length, CV_8UC1, data);
                Mat m = imdecode(encoded, IMREAD_COLOR)) {
            if (m == null || m.empty()) {
                throw new MediaException(location, "the " + h.format() + " image cannot be decoded (truncated or corrupt data)");
            }
            if (m.channels() != 3 || m.elemSize1() != 1 || !m.isContinuous()) {
                throw new MediaException(location, "the " + h.format() + " image decoded to an unexpected layout ("
                        + m.channels() + " channels of " + m.elemSize1() + " bytes)");
            }
            byte[] bgr = new byte[Math.multiplyExact(Math.multiplyExact(m.cols(), m.rows()), 3)];
            m.data().get(bgr);
            return new DecodedImage(m.cols(), m.rows(), bgr);
        } catch (RuntimeException e) {
            // OpenCV reports decoder failures as cv::Exception, surfaced by JavaCPP as a RuntimeException
            throw new MediaException(location, "the " + h.format() + " image cannot be decoded: " + e.getMessage(), e);
        }
    }
}
