package io.djflink.media.bench;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import io.djflink.media.FfmpegNatives;
import io.djflink.media.FrameSampling;
import io.djflink.media.ImageDecoder;
import io.djflink.media.MediaAccess;
import io.djflink.media.MediaLimits;
import io.djflink.media.VideoAccess;
import io.djflink.media.VideoDecoder;
import io.djflink.media.VideoInfo;
import io.djflink.ops.Filter;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Single-thread (per core) throughput of the video path on generated H.264 videos: frames decoded
 * per second (FFmpeg, one decoder thread), the same with every frame converted to BGR, and, per
 * video, Data-Juicer's frame samplings (all key frames; 3 uniform frames) and the motion score
 * filter with its defaults. OpenCV is held to one thread so that the figures are per core.
 */
public final class VideoDecodeBench {

    /** One video's figures: frames per second on one thread for the first two, videos per second for the rest. */
    public record Row(int width, int height, int frames, double fps, int gop, long fileBytes, double decodeFramesPerSec,
            double decodeBgrFramesPerSec, double probePerSec, double keyframesPerSec, double uniform3PerSec,
            double motionPerSec) {}

    private VideoDecodeBench() {}

    /**
     * Measures each video for about {@code seconds} per figure after a warm-up.
     *
     * @param videos "640x360", "1280x720", ...
     * @param frames frames per video (at 25 fps, a key frame every {@code gop} frames)
     * @param dir where the generated videos are written
     */
    public static List<Row> run(List<String> videos, int frames, int gop, double seconds, Path dir) throws Exception {
        FfmpegNatives.load();
        ImageDecoder.load();
        opencv_core.setNumThreads(1);
        Files.createDirectories(dir);
        VideoAccess access = new VideoAccess(new MediaAccess(new MediaLimits(Long.MAX_VALUE, 3600)));
        Filter motion = (Filter) OpRegistry.get().factory("video_motion_score_filter").create(Map.of());
        motion.open();
        List<Row> rows = new ArrayList<>();
        for (String spec : videos) {
            String[] wh = spec.split("x");
            int w = Integer.parseInt(wh[0]);
            int h = Integer.parseInt(wh[1]);
            Path file = write(dir.resolve(w + "x" + h + ".mp4"), w, h, frames, gop);
            String location = file.toString();
            double decode = rate(seconds, () -> {
                try (VideoDecoder d = VideoDecoder.open(location, file, VideoDecoder.Conversion.OPENCV, false)) {
                    while (d.next()) {
                        // decoding only
                    }
                }
            }) * frames;
            double bgr;
            try (Mat m = new Mat()) {
                bgr = rate(seconds, () -> {
                    try (VideoDecoder d = VideoDecoder.open(location, file, VideoDecoder.Conversion.OPENCV, false)) {
                        while (d.next()) {
                            d.imageInto(m);
                        }
                    }
                }) * frames;
            }
            double probe = rate(seconds, () -> VideoInfo.probe(location, file));
            double keys = rate(seconds, () -> access.frames(new SampleContext(), location, FrameSampling.allKeyframes()));
            double uniform = rate(seconds, () -> access.frames(new SampleContext(), location, FrameSampling.uniform(3)));
            double score = rate(seconds, () -> {
                Sample s = Sample.ofText("text", "bench");
                s.root().putArray("videos").add(location);
                motion.computeStats(s, new SampleContext());
            });
            rows.add(new Row(w, h, frames, 25, gop, Files.size(file), decode, bgr, probe, keys, uniform, score));
        }
        motion.close();
        return rows;
    }

    @FunctionalInterface
    private interface Task {
        void run() throws Exception;
    }

    private static double rate(double seconds, Task task) throws Exception {
        task.run(); // warm-up: natives, JIT, page cache
        long n = 0;
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        long now;
        do {
            task.run();
            n++;
            now = System.nanoTime();
        } while (now < end);
        return n / ((now - t0) / 1e9);
    }

    /**
     * An H.264 video (OpenH264, 25 fps, 2 Mbit/s at 640x360, scaled with the area) of a textured
     * scene panning by 2 pixels per frame: content the encoder has to work on, as camera footage.
     */
    static Path write(Path file, int w, int h, int frames, int gop) throws Exception {
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), w, h, 0);
        r.setFormat("mp4");
        r.setVideoCodec(AV_CODEC_ID_H264);
        r.setPixelFormat(AV_PIX_FMT_YUV420P);
        r.setFrameRate(25);
        r.setGopSize(gop);
        r.setVideoBitrate((int) Math.min(Integer.MAX_VALUE, 2_000_000L * w * h / (640 * 360)));
        Frame f = new Frame(w, h, Frame.DEPTH_UBYTE, 3);
        try {
            r.start();
            for (int i = 0; i < frames; i++) {
                ByteBuffer buf = (ByteBuffer) f.image[0];
                for (int y = 0; y < h; y++) {
                    buf.position(y * f.imageStride);
                    for (int x = 0; x < w; x++) {
                        double u = (x + 2.0 * i) / w;
                        double v = (double) y / h;
                        buf.put(clamp(110 + 80 * Math.sin(9 * u + 3 * v) + 30 * Math.sin(41 * u * v + 17 * v)));
                        buf.put(clamp(120 + 70 * Math.cos(7 * u - 5 * v) + 25 * Math.sin(53 * u + 29 * v)));
                        buf.put(clamp(128 + 90 * Math.sin(13 * u + 11 * v * v) + 20 * Math.cos(61 * v + 37 * u)));
                    }
                }
                buf.rewind();
                r.record(f, AV_PIX_FMT_BGR24);
            }
            r.stop();
        } finally {
            r.release();
        }
        return file;
    }

    private static byte clamp(double v) {
        return (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
    }
}
