package io.djflink.media;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A {@link DecodedImage} (a video frame, or an image) as the picture types other libraries take.
 * Both copy the pixels, so the cached image stays untouched whatever the caller does with its copy.
 */
public final class FrameImages {

    private FrameImages() {}

    /** As a {@code TYPE_3BYTE_BGR} image (Java2D, ImageIO). */
    public static BufferedImage toBufferedImage(DecodedImage img) {
        BufferedImage out = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        System.arraycopy(img.bgr(), 0, dst, 0, dst.length);
        return out;
    }

    /** As an 8-bit, 3-channel BGR OpenCV matrix, OpenCV's own layout; the caller closes it. */
    public static Mat toMat(DecodedImage img) {
        Mat m = new Mat(img.height(), img.width(), CV_8UC3);
        m.data().put(img.bgr());
        return m;
    }
}
