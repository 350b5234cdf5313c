package io.djflink.media;

/**
 * A decoded image or video frame: 8-bit, three channels, interleaved in OpenCV's and FFmpeg's
 * {@code BGR24} order, rows top to bottom with no padding. Images are decoded as Data-Juicer's
 * loader sees them: converted to three colour channels (an alpha channel is dropped, grey is
 * repeated) and turned upright by their EXIF orientation.
 *
 * <p>Cached per sample and shared by every op that reads it: treat {@link #bgr()} as read-only.
 *
 * @param width pixels per row
 * @param height rows
 * @param bgr {@code width * height * 3} bytes, blue first
 */
public record DecodedImage(int width, int height, byte[] bgr) {

    public DecodedImage {
        if ((long) width * height * 3 != bgr.length) {
            throw new IllegalArgumentException(width + "x" + height + " BGR needs " + (long) width * height * 3
                    + " bytes, got " + bgr.length);
        }
    }
}
