package io.djflink.media.bench;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Single-thread (per core) throughput of the video path on generated H.264 videos
 * ({@link SyntheticVideos}, panning 2 pixels a frame at 25 fps): frames decoded
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
            Path file = SyntheticVideos.write(dir.resolve(w + "x" + h + ".mp4"), w, h, frames, 25, gop, 2);
            String location = file.toString();
            double decode = ImageDecodeBench.rate(seconds, () -> {
                try (VideoDecoder d = VideoDecoder.open(location, file, VideoDecoder.Conversion.OPENCV, false)) {
                    while (d.next()) {
                        // decoding only
                    }
                }
            }) * frames;
            double bgr;
            try (Mat m = new Mat()) {
                bgr = ImageDecodeBench.rate(seconds, () -> {
                    try (VideoDecoder d = VideoDecoder.open(location, file, VideoDecoder.Conversion.OPENCV, false)) {
                        while (d.next()) {
                            d.imageInto(m);
                        }
                    }
                }) * frames;
            }
            double probe = ImageDecodeBench.rate(seconds, () -> VideoInfo.probe(location, file));
            double keys = ImageDecodeBench.rate(seconds,
                    () -> access.frames(new SampleContext(), location, FrameSampling.allKeyframes()));
            double uniform = ImageDecodeBench.rate(seconds,
                    () -> access.frames(new SampleContext(), location, FrameSampling.uniform(3)));
            double score = ImageDecodeBench.rate(seconds, () -> {
                Sample s = Sample.ofText("text", "bench");
                s.root().putArray("videos").add(location);
                motion.computeStats(s, new SampleContext());
            });
            rows.add(new Row(w, h, frames, 25, gop, Files.size(file), decode, bgr, probe, keys, uniform, score));
        }
        motion.close();
        return rows;
    }

}
