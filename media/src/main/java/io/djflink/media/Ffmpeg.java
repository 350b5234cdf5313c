package io.djflink.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_PANIC;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;

/** What the video classes share about FFmpeg's C API: loading, quiet logs, error text. */
final class Ffmpeg {

    private static volatile boolean loaded;

    private Ffmpeg() {}

    /**
     * Loads FFmpeg's natives once per JVM and silences FFmpeg's own log, as PyAV does for
     * Data-Juicer (its warnings about the files being read would go to stderr of every task);
     * failures surface as {@link MediaException}s instead.
     */
    static void load() {
        if (!loaded) {
            synchronized (Ffmpeg.class) {
                if (!loaded) {
                    Loader.load(avformat.class);
                    Loader.load(avcodec.class);
                    Loader.load(swscale.class);
                    av_log_set_level(AV_LOG_PANIC);
                    loaded = true;
                }
            }
        }
    }

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
