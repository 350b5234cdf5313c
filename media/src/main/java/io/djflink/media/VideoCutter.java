package io.djflink.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Cuts clips out of a video in one pass: every frame is decoded once and handed to the encoder of
 * each clip that takes it (clips may overlap), so cutting a video into n clips costs one decode
 * and the encoding of the clips.
 *
 * <p>A clip is written under a temporary name next to its place and moved there when complete, so
 * a reader never sees half a clip, and two tasks cutting the same video (two samples listing it)
 * each move a whole clip into place.
 *
 * <p>Clips are re-encoded, as Data-Juicer's cutters do, at the source's frame rate and video bit
 * rate, with the codecs {@link Codecs} chooses. Data-Juicer copies the audio packets of a duration
 * clip; djflink decodes and re-encodes them. The container follows the output's extension.
 */
public final class VideoCutter {

    /** Which codecs the clips are encoded with. */
    public enum Codecs {
        /**
         * The source's video and audio codecs when FFmpeg has encoders for them, else H.264 and AAC
         * (Data-Juicer's {@code cut_video_by_seconds} encodes with the source's codec).
         */
        SOURCE,
        /** H.264 and AAC, as PySceneDetect's {@code split_video_ffmpeg} (libx264; djflink's FFmpeg has OpenH264). */
        H264_AAC
    }

    /**
     * One clip: which video frames it keeps (by index, or by timestamp in the stream's ticks) and
     * which audio (by time), and the file it goes to.
     */
    public static final class Clip {
        final Path output;
        final long firstFrame;
        final long endFrame;
        final double startSeconds;
        final Double endSeconds;
        final boolean byTime;
        /** Where the clip is written before it is moved into place, complete. */
        Path partial;
        FFmpegFrameRecorder recorder;
        long frames;
        boolean closed;

        private Clip(Path output, long firstFrame, long endFrame, double startSeconds, Double endSeconds, boolean byTime) {
            this.output = output;
            this.firstFrame = firstFrame;
            this.endFrame = endFrame;
            this.startSeconds = startSeconds;
            this.endSeconds = endSeconds;
            this.byTime = byTime;
        }

        /**
         * The frames Data-Juicer's {@code cut_video_by_seconds(start, end)} keeps: those whose
         * timestamp {@code pts} satisfies {@code int(start / time_base) <= pts <= end / time_base}
         * (both ends included, so a frame exactly on a boundary goes to both clips); with no end,
         * every frame from the start on. Audio from {@code start} to {@code end}.
         */
        public static Clip seconds(Path output, double start, Double end) {
            return new Clip(output, 0, Long.MAX_VALUE, start, end, true);
        }

        /**
         * Frames {@code first} (inclusive) to {@code end} (exclusive) by their position, as
         * PySceneDetect's scene list cuts them; audio over the same span of time at {@code fps}.
         */
        public static Clip frames(Path output, long first, long end, double fps) {
            return new Clip(output, first, end, first / fps, end / fps, false);
        }

        /** The clip's file. */
        public Path output() {
            return output;
        }

        /** How many video frames went into it. */
        public long frames() {
            return frames;
        }
    }

    private VideoCutter() {}

    /**
     * Writes the clips of one local video; afterwards each clip says how many frames it got (a clip
     * that got none has no file).
     *
     * @throws MediaException when the video cannot be read or a clip cannot be written
     */
    public static void cut(String location, Path file, VideoInfo info, List<Clip> clips, Codecs codecs) throws MediaException {
        FfmpegNatives.load();
        double tb = (double) info.timeBaseNum() / info.timeBaseDen();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.setVideoOption("threads", "1");
        try {
            grabber.start();
            boolean audio = grabber.getAudioChannels() > 0;
            long index = 0;
            Frame f;
            while ((f = grabber.grabFrame(audio, true, true, false, false)) != null) {
                if (f.image != null) {
                    long pts = ticks(f.timestamp, info);
                    double seconds = f.timestamp / 1e6;
                    boolean pending = false;
                    for (Clip c : clips) {
                        boolean take = c.byTime
                                ? pts >= (long) (c.startSeconds / tb) && (c.endSeconds == null ? pts <= info.durationTicks()
                                        : pts <= c.endSeconds / tb)
                                : index >= c.firstFrame && index < c.endFrame;
                        if (take) {
                            record(location, grabber, info, codecs, c, f);
                            c.frames++;
                        }
                        if (!c.closed && c.recorder != null && c.endSeconds != null && seconds > c.endSeconds + 1
                                && (c.byTime || index >= c.endFrame)) {
                            close(location, c); // a second past its end: no frame or sample of it is still to come
                        }
                        pending |= !c.closed;
                    }
                    index++;
                    if (!pending) {
                        break;
                    }
                } else if (f.samples != null) {
                    double seconds = f.timestamp / 1e6;
                    for (Clip c : clips) {
                        if (!c.closed && seconds >= c.startSeconds && (c.endSeconds == null || seconds <= c.endSeconds)) {
                            record(location, grabber, info, codecs, c, f);
                        }
                    }
                }
            }
            for (Clip c : clips) {
                close(location, c);
            }
        } catch (FrameGrabber.Exception e) {
            throw new MediaException(location, "cannot be read for cutting: " + e.getMessage(), e);
        } finally {
            for (Clip c : clips) {
                if (c.recorder != null) {
                    try {
                        c.recorder.release();
                    } catch (FrameRecorder.Exception e) {
                        // already failed or closed; nothing left to free
                    }
                    try {
                        java.nio.file.Files.deleteIfExists(c.partial); // left only when the clip failed
                    } catch (java.io.IOException e) {
                        // a stray temporary file; the error that got us here is reported
                    }
                }
            }
            try {
                grabber.release();
            } catch (FrameGrabber.Exception e) {
                // released what it could
            }
        }
    }

    /** The stream tick of a frame from its microsecond timestamp (JavaCV floors the tick's time). */
    private static long ticks(long micros, VideoInfo info) {
        return Math.floorDiv(Math.multiplyExact(micros, (long) info.timeBaseDen()) + 1_000_000L * info.timeBaseNum() - 1,
                1_000_000L * info.timeBaseNum());
    }

    private static void record(String location, FFmpegFrameGrabber g, VideoInfo info, Codecs codecs, Clip c, Frame f)
            throws MediaException {
        try {
            if (c.recorder == null) {
                String name = c.output.getFileName().toString();
                int dot = name.lastIndexOf('.');
                String part = ".part-" + java.util.UUID.randomUUID().toString().substring(0, 8);
                c.partial = c.output.resolveSibling(dot > 0 ? name.substring(0, dot) + part + name.substring(dot) : name + part);
                c.recorder = recorder(g, info, codecs, c.partial);
                c.recorder.start();
            }
            c.recorder.record(f);
        } catch (FrameRecorder.Exception e) {
            throw new MediaException(location, "cannot write the clip " + c.output + ": " + e.getMessage(), e);
        }
    }

    private static void close(String location, Clip c) throws MediaException {
        if (c.closed) {
            return;
        }
        c.closed = true;
        if (c.recorder != null) {
            try {
                c.recorder.stop();
                java.nio.file.Files.move(c.partial, c.output, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (java.io.IOException e) {
                throw new MediaException(location, "cannot finish the clip " + c.output + ": " + e.getMessage(), e);
            }
        }
    }

    private static FFmpegFrameRecorder recorder(FFmpegFrameGrabber g, VideoInfo info, Codecs codecs, Path output) {
        boolean source = codecs == Codecs.SOURCE;
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(output.toFile(), g.getImageWidth(), g.getImageHeight(),
                Math.max(0, g.getAudioChannels()));
        r.setVideoCodec(source && encodable(info.codecId()) ? info.codecId() : AV_CODEC_ID_H264);
        r.setFrameRate(info.baseFrameRateDen() > 0 && info.baseFrameRateNum() > 0
                ? (double) info.baseFrameRateNum() / info.baseFrameRateDen() : g.getFrameRate());
        if (info.bitRate() > 0) {
            r.setVideoBitrate((int) Math.min(Integer.MAX_VALUE, info.bitRate()));
        }
        r.setVideoOption("threads", "1");
        if (g.getAudioChannels() > 0) {
            r.setSampleRate(g.getSampleRate());
            r.setAudioCodec(source && encodable(g.getAudioCodec()) ? g.getAudioCodec() : AV_CODEC_ID_AAC);
            if (g.getAudioBitrate() > 0) {
                r.setAudioBitrate(g.getAudioBitrate());
            }
        }
        return r;
    }

    private static boolean encodable(int codecId) {
        AVCodec e = avcodec_find_encoder(codecId);
        return e != null && !e.isNull();
    }

    /** The clips that got at least one video frame, in order. */
    public static List<Path> written(List<Clip> clips) {
        List<Path> out = new ArrayList<>();
        for (Clip c : clips) {
            if (c.frames > 0) {
                out.add(c.output);
            }
        }
        return out;
    }
}
