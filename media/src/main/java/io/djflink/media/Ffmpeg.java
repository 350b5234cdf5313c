package io.djflink.media;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;

/** What the video classes share about FFmpeg's C API: error text and rationals. */
final class Ffmpeg {

    private Ffmpeg() {}

    /** FFmpeg's text for an error code, e.g. "Invalid data found when processing input". */
    static String error(int code) {
        byte[] text = new byte[256];
        try (BytePointer buf = new BytePointer(text)) {
            if (av_strerror(code, buf, text.length) < 0) {
                return "FFmpeg error " + code;
            }
            buf.get(text);
        }
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A rational as a double; 0 for an unset (0/0 or x/0) rational. */
    static double toDouble(AVRational r) {
        return r.den() == 0 ? 0 : (double) r.num() / r.den();
    }
}
