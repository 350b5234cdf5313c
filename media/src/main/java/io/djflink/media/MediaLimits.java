package io.djflink.media;

import io.djflink.ops.ParamException;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import java.math.BigInteger;

/**
 * The guards that keep one huge or hostile media file from stalling a task: djflink extension
 * parameters (Data-Juicer has none), declared here and bound per op.
 *
 * <ul>
 *   <li>{@code max_media_bytes}: a file larger than this is refused before it is read. A number of
 *       bytes or a size string ({@link ByteSize}); each op declares its default
 *       ({@link #bytesParam}): ops that read a whole file into memory (images) default lower than
 *       ops that let FFmpeg read from a file (audio, video).
 *   <li>{@code max_video_seconds}: a video longer than this (by its container's duration) is
 *       refused before its frames are decoded; declared by video ops ({@link #VIDEO_SECONDS}).
 *   <li>A fixed pixel limit for images: an image whose header declares more than
 *       {@link #MAX_IMAGE_PIXELS} pixels is refused before any pixel memory is allocated. It is
 *       Pillow's decompression-bomb limit (Data-Juicer's image loader raises
 *       {@code DecompressionBombError} beyond it), so djflink refuses exactly what Data-Juicer
 *       refuses.
 * </ul>
 *
 * @param maxBytes the largest file read, in bytes
 * @param maxVideoSeconds the longest video decoded, in seconds
 */
public record MediaLimits(long maxBytes, double maxVideoSeconds) {

    /** Pillow's {@code 2 * Image.MAX_IMAGE_PIXELS} (2 * 89,478,485), beyond which it refuses to open. */
    public static final long MAX_IMAGE_PIXELS = 2L * 89_478_485L;

    /** Default of {@code max_media_bytes} for ops that hold a whole file in memory (images). */
    public static final String IN_MEMORY_DEFAULT = "256MiB";

    /** Default of {@code max_media_bytes} for ops that stream a file through FFmpeg (audio, video). */
    public static final String STREAMED_DEFAULT = "4GiB";

    /** Default of {@code max_video_seconds}. */
    public static final double DEFAULT_VIDEO_SECONDS = 3600.0;

    public static final String BYTES = "max_media_bytes";
    public static final String SECONDS = "max_video_seconds";

    /** {@code max_video_seconds}, for the factories of video ops. */
    public static final ParamSpec VIDEO_SECONDS = ParamSpec.of(SECONDS, ParamType.FLOAT, DEFAULT_VIDEO_SECONDS,
            "djflink extension: a video longer than this many seconds (by its container's duration) is refused"
                    + " before its frames are decoded; the sample goes to the error output").positive();

    /** {@code max_media_bytes} with this default, for an op's factory. */
    public static ParamSpec bytesParam(String defaultSize) {
        return ParamSpec.of(BYTES, ParamType.ANY, defaultSize,
                "djflink extension: a media file larger than this (bytes, or a size string such as 64MiB) is refused"
                        + " before it is read; the sample goes to the error output");
    }

    /**
     * The limits an op was bound with; {@code max_video_seconds} is the default when the op does
     * not declare it.
     *
     * @throws ParamException when {@code max_media_bytes} is not a positive size
     */
    public static MediaLimits of(Params p) {
        Object raw = p.raw(BYTES);
        long bytes;
        try {
            BigInteger b = raw instanceof Number ? BigInteger.valueOf(((Number) raw).longValue())
                    : raw instanceof String ? ByteSize.parse((String) raw) : null;
            if (b == null || b.signum() <= 0) {
                throw new IllegalArgumentException("not a positive size");
            }
            bytes = b.bitLength() >= 63 ? Long.MAX_VALUE : b.longValue();
        } catch (IllegalArgumentException e) {
            throw new ParamException(BYTES, "parameter '" + BYTES + "' of op " + p.op() + " is '" + raw
                    + "': " + e.getMessage() + " (a number of bytes or a size string such as 256MiB)");
        }
        double seconds = p.asMap().containsKey(SECONDS) ? p.number(SECONDS) : DEFAULT_VIDEO_SECONDS;
        return new MediaLimits(bytes, seconds);
    }

    /** Refuses a file larger than {@link #maxBytes}. */
    public void checkBytes(String location, long size) throws MediaException {
        if (size > maxBytes) {
            throw new MediaException(location, "the file has " + size + " bytes, more than " + BYTES + " (" + maxBytes
                    + "); raise " + BYTES + " to read it");
        }
    }

    /** Refuses an image whose declared size exceeds {@link #MAX_IMAGE_PIXELS}. */
    public static void checkPixels(String location, long width, long height) throws MediaException {
        if (width <= 0 || height <= 0) {
            throw new MediaException(location, "the image header declares " + width + "x" + height + " pixels");
        }
        if (width > MAX_IMAGE_PIXELS / height) {
            throw new MediaException(location, "the image header declares " + width + "x" + height + " = "
                    + BigInteger.valueOf(width).multiply(BigInteger.valueOf(height)) + " pixels, more than " + MAX_IMAGE_PIXELS
                    + " (Pillow's decompression-bomb limit, which Data-Juicer's image loader enforces too)");
        }
    }

    /** Refuses a video longer than {@link #maxVideoSeconds}. */
    public void checkVideoSeconds(String location, double seconds) throws MediaException {
        if (seconds > maxVideoSeconds) {
            throw new MediaException(location, "the video lasts " + seconds + " s, more than " + SECONDS + " ("
                    + maxVideoSeconds + " s); raise " + SECONDS + " to decode it");
        }
    }
}
