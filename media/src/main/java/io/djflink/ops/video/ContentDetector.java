package io.djflink.ops.video;

import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.sumElems;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2HSV;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.djflink.media.MediaException;
import io.djflink.media.VideoAccess;
import io.djflink.media.VideoDecoder;
import io.djflink.media.VideoInfo;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * PySceneDetect's {@code ContentDetector} (0.6.x) as {@code scenedetect.detect(video,
 * ContentDetector(threshold, min_scene_len), start_in_scene=True)} runs it on OpenCV's frames:
 *
 * <ul>
 *   <li>frames wider or taller than 256 pixels are first downscaled by {@code max(w, h) / 256}
 *       to {@code round(w / f) x round(h / f)}, bilinear (SceneManager's automatic downscale);
 *   <li>each frame is converted to HSV (OpenCV's 8-bit HSV); its score is the weighted mean of the
 *       mean absolute differences of hue, saturation and value with the previous frame (default
 *       weights 1, 1, 1), 0 for the first frame;
 *   <li>a frame scoring at least {@code threshold} is a cut candidate, and the flash filter in its
 *       default merge mode enforces {@code min_scene_len} frames between cuts: a cut closer than
 *       that to the previous candidate starts a merge that ends, and emits the last candidate, once
 *       enough frames pass below the threshold;
 *   <li>the scenes run from cut to cut, the first from the first frame, the last to the end; no
 *       cut gives one scene.
 * </ul>
 */
final class ContentDetector {

    /** Scenes as frame ranges, and the frame rate that turns them into times. */
    record Scenes(List<long[]> ranges, double fps) {}

    private final double threshold;
    private final int minSceneLen;
    private final double[] weights;

    /** @param weights hue, saturation, value (luma) and edges; the edge weight must be 0 */
    ContentDetector(double threshold, int minSceneLen, double[] weights) {
        if (weights[3] != 0) {
            throw new IllegalArgumentException("edge weights are not implemented");
        }
        this.threshold = threshold;
        this.minSceneLen = minSceneLen;
        this.weights = weights.clone();
    }

    Scenes detect(VideoAccess videos, String location) throws MediaException {
        return videos.decode(location, VideoDecoder.Conversion.OPENCV, false, d -> {
            VideoInfo info = d.info();
            int w = info.width();
            int h = info.height();
            double factor = Math.max(w, h) < 256 ? 1 : Math.max(w, h) / 256.0;
            Size small = factor > 1 ? new Size((int) Math.max(1, Math.rint(w / factor)), (int) Math.max(1, Math.rint(h / factor)))
                    : null;
            double weightSum = Math.abs(weights[0]) + Math.abs(weights[1]) + Math.abs(weights[2]) + Math.abs(weights[3]);
            FlashFilter flash = new FlashFilter(minSceneLen);
            List<Long> cuts = new ArrayList<>();
            long first = -1;
            long last = -1;
            try (Mat bgr = new Mat(); Mat scaled = new Mat(); Mat diff = new Mat()) {
                Mat hsv = new Mat();
                Mat prev = new Mat();
                try {
                    while (d.next()) {
                        d.imageInto(bgr);
                        Mat frame = bgr;
                        if (small != null) {
                            resize(bgr, scaled, small, 0, 0, INTER_LINEAR);
                            frame = scaled;
                        }
                        cvtColor(frame, hsv, COLOR_BGR2HSV);
                        double score = 0;
                        if (first >= 0) {
                            absdiff(hsv, prev, diff);
                            double pixels = (double) hsv.rows() * hsv.cols();
                            try (Scalar sums = sumElems(diff)) {
                                score = (weights[0] * sums.get(0) / pixels + weights[1] * sums.get(1) / pixels
                                        + weights[2] * sums.get(2) / pixels) / weightSum;
                            }
                        }
                        long index = d.index();
                        Long cut = flash.filter(index, score >= threshold);
                        if (cut != null) {
                            cuts.add(cut);
                        }
                        Mat t = prev;
                        prev = hsv;
                        hsv = t;
                        if (first < 0) {
                            first = index;
                        }
                        last = index;
                    }
                } finally {
                    hsv.close();
                    prev.close();
                }
            }
            List<long[]> scenes = new ArrayList<>();
            if (first >= 0) {
                long start = first;
                for (long cut : cuts.stream().distinct().sorted().toList()) {
                    scenes.add(new long[] {start, cut});
                    start = cut;
                }
                scenes.add(new long[] {start, last + 1});
            }
            return new Scenes(scenes, info.openCvFps());
        });
    }

    /** PySceneDetect's {@code FlashFilter} in {@code MERGE} mode. */
    static final class FlashFilter {
        private final int length;
        private Long lastAbove;
        private boolean mergeEnabled;
        private boolean mergeTriggered;
        private long mergeStart;

        FlashFilter(int length) {
            this.length = length;
        }

        /** The cut this frame emits, or null. */
        Long filter(long frame, boolean above) {
            if (length <= 0) {
                return above ? frame : null;
            }
            if (lastAbove == null) {
                lastAbove = frame;
            }
            boolean minLengthMet = frame - lastAbove >= length;
            if (above) {
                lastAbove = frame;
            }
            if (mergeTriggered) {
                long merged = lastAbove - mergeStart;
                if (minLengthMet && !above && merged >= length) {
                    mergeTriggered = false;
                    return lastAbove;
                }
                return null;
            }
            if (!above) {
                return null;
            }
            if (minLengthMet) {
                mergeEnabled = true;
                return frame;
            }
            if (mergeEnabled) {
                mergeTriggered = true;
                mergeStart = frame;
            }
            return null;
        }
    }
}
