package io.djflink.media;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;

/** Loads the FFmpeg libraries that reading media files needs, once per JVM. */
public final class FfmpegNatives {

    private static volatile boolean loaded;

    private FfmpegNatives() {}

    /**
     * Loads avutil, swresample, avcodec, avformat and swscale (about a second on first use in a
     * JVM; ops call it from {@code open()}) and sets FFmpeg's log level to errors: its per-file
     * banners would flood the task logs, and failures reach the error output as exceptions anyway.
     * Not {@code FFmpegFrameGrabber.tryLoad()}: that also loads libavdevice, which links the
     * system's PulseAudio and fails where it is missing (as in the Flink image), though no file
     * reader needs it.
     */
    public static void load() {
        if (loaded) {
            return;
        }
        synchronized (FfmpegNatives.class) {
            if (!loaded) {
                Loader.load(avutil.class);
                Loader.load(swresample.class);
                Loader.load(avcodec.class);
                Loader.load(avformat.class);
                Loader.load(swscale.class);
                avutil.av_log_set_level(avutil.AV_LOG_ERROR);
                loaded = true;
            }
        }
    }
}
