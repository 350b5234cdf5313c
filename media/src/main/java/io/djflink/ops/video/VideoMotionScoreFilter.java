package io.djflink.ops.video;

import static org.bytedeco.opencv.global.opencv_core.magnitude;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_core.split;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_video.calcOpticalFlowFarneback;

import io.djflink.media.ImageDecoder;
import io.djflink.media.ItemStatFilter;
import io.djflink.media.MediaException;
import io.djflink.media.MediaLimits;
import io.djflink.media.VideoAccess;
import io.djflink.media.VideoDecoder;
import io.djflink.media.VideoInfo;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamException;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.SampleContext;
import java.util.List;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_video;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Keeps samples whose videos move between {@code min_score} and {@code max_score}: stat
 * {@code video_motion_score}, one value per listed video, the mean magnitude of Farneback's dense
 * optical flow (OpenCV's {@code calcOpticalFlowFarneback} with Data-Juicer's parameters) between
 * frames sampled at about {@code sampling_fps}.
 *
 * <p>The frames are those Data-Juicer's loop over OpenCV's {@code VideoCapture} reads: with
 * {@code step = round(fps / min(sampling_fps, fps))} (Python's rounding, halves to even), capped
 * at {@code frame_count - 1} and at least 1, it reads frames 0 and 1, then seeks to frames
 * {@code step, 2 step, 3 step, ...} until the video ends; the flow is taken between each frame read
 * and the one before (so frame 1 is read twice when the step is 1, a zero flow Data-Juicer counts
 * too). Each frame is converted to BGR as OpenCV converts it, optionally resized with
 * {@code INTER_AREA}, turned grey, and scored by the mean flow magnitude, divided by the frame's
 * diagonal when {@code relative}. A video's score is the mean of its frames' scores, rounded to
 * single precision as numpy's float32 mean leaves it, or -1 when no flow could be computed.
 *
 * <p>Resizing is Data-Juicer's {@code calculate_resized_dimensions}: {@code size} (an int for the
 * short edge, or two ints for the short and long edge), {@code max_size} for the long edge,
 * {@code divisible} for both. Data-Juicer hands the (height, width) pair it computes to
 * {@code cv2.resize}, which takes (width, height), so a resized frame comes out with its
 * dimensions swapped; djflink does the same so that scores agree.
 *
 * <p>Unlike OpenCV's reader, which stops quietly at a frame it cannot decode (Data-Juicer then
 * scores the frames before it), a video whose data is corrupt or cut short is an error here: the
 * sample goes to the error output with the reason.
 */
public final class VideoMotionScoreFilter extends ItemStatFilter {

    private final double samplingFps;
    private final int[] size;
    private final Integer maxSize;
    private final int divisible;
    private final boolean relative;
    private final double pyrScale;
    private final int levels;
    private final int winsize;
    private final int iterations;
    private final int polyN;
    private final double polySigma;
    private final int flags;
    private final VideoAccess videos;
    private final String cacheKind;

    VideoMotionScoreFilter(Params p) {
        super(p, "video_key", "video_motion_score", p.numberOrNull("min_score"), p.numberOrNull("max_score"), MediaLimits.of(p));
        this.samplingFps = p.number("sampling_fps");
        this.size = size(p);
        this.maxSize = p.isNull("max_size") ? null : (int) p.integer("max_size");
        this.divisible = (int) p.integer("divisible");
        this.relative = p.bool("relative");
        this.pyrScale = p.number("pyr_scale");
        this.levels = (int) p.integer("levels");
        this.winsize = (int) p.integer("winsize");
        this.iterations = (int) p.integer("iterations");
        this.polyN = (int) p.integer("poly_n");
        this.polySigma = p.number("poly_sigma");
        this.flags = (int) p.integer("flags");
        this.videos = new VideoAccess(media);
        // every setting the score depends on: a video listed twice, or by two equal ops, is scored once
        this.cacheKind = "motion:" + samplingFps + ":" + java.util.Arrays.toString(size) + ":" + maxSize + ":" + divisible
                + ":" + relative + ":" + pyrScale + ":" + levels + ":" + winsize + ":" + iterations + ":" + polyN + ":"
                + polySigma + ":" + flags;
    }

    /** {@code size}: null, a positive int, or a list of one or two positive ints. */
    private static int[] size(Params p) {
        Object raw = p.raw("size");
        if (raw == null) {
            return null;
        }
        List<?> items = raw instanceof List ? (List<?>) raw : List.of(raw);
        if (items.isEmpty() || items.size() > 2) {
            throw new ParamException("size", "parameter 'size' of op " + p.op() + " is " + raw
                    + ": an int (the short edge) or a list of 1 or 2 ints, not " + items.size() + " values");
        }
        int[] out = new int[items.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = items.get(i);
            if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < 1
                    || ((Number) v).longValue() > Integer.MAX_VALUE) {
                throw new ParamException("size", "parameter 'size' of op " + p.op() + " is " + raw + ": " + v
                        + " is not a positive int");
            }
            out[i] = ((Number) v).intValue();
        }
        return out;
    }

    @Override
    public void open() {
        ImageDecoder.load();
        Loader.load(opencv_video.class);
    }

    /** The video's score, computed once per sample (Data-Juicer scores a repeated video once too). */
    @Override
    protected Number value(SampleContext ctx, String location) throws MediaException {
        double score = media.cached(ctx, cacheKind, location, () -> score(location));
        return score == -1 ? (Number) (-1L) : (Number) score;
    }

    /** The motion score of one video. */
    double score(String location) throws MediaException {
        return videos.decode(location, VideoDecoder.Conversion.OPENCV, false, d -> {
            VideoInfo info = d.info();
            double fps = info.openCvFps();
            if (!(fps > 0)) {
                throw new MediaException(location, "the video stream declares no frame rate");
            }
            long total = info.frames() > 0 ? info.frames() : (long) Math.floor(info.durationSeconds() * fps + 0.5);
            long step = pyRound(fps / Math.min(samplingFps, fps));
            step = Math.max(Math.min(step, total - 1), 1);
            int[] target = resizedDimensions(info.height(), info.width());
            boolean resizing = target[0] != info.height() || target[1] != info.width();

            double sum = 0;
            int flows = 0;
            try (Mat bgr = new Mat(); Mat resized = new Mat(); Mat prev = new Mat(); Mat cur = new Mat();
                    Mat flow = new Mat(); MatVector xy = new MatVector(); Mat mag = new Mat()) {
                boolean havePrev = false;
                long wanted = 0; // the frame Data-Juicer reads next: 0, 1, then step, 2 step, ...
                long reads = 0;
                while (true) {
                    while (d.index() < wanted && d.next()) {
                        // decode forward to the wanted frame (OpenCV's seek lands on it)
                    }
                    if (d.index() != wanted) {
                        break; // past the end
                    }
                    d.imageInto(bgr);
                    Mat frame = bgr;
                    if (resizing) {
                        // (height, width) handed over as (width, height), as in Data-Juicer
                        resize(bgr, resized, new Size(target[0], target[1]), 0, 0, INTER_AREA);
                        frame = resized;
                    }
                    cvtColor(frame, cur, COLOR_BGR2GRAY);
                    if (havePrev) {
                        calcOpticalFlowFarneback(prev, cur, flow, pyrScale, levels, winsize, iterations, polyN, polySigma, flags);
                        split(flow, xy);
                        magnitude(xy.get(0), xy.get(1), mag);
                        double score = mean(mag).get(0);
                        if (relative) {
                            score /= Math.hypot(frame.rows(), frame.cols());
                        }
                        sum += score;
                        flows++;
                    }
                    cur.copyTo(prev);
                    havePrev = true;
                    reads++;
                    wanted = reads == 1 ? 1 : (reads - 1) * step;
                }
            }
            return flows == 0 ? -1.0 : (double) (float) (sum / flows);
        });
    }

    /** Python's {@code round(x)} to an integer: halves to even. */
    static long pyRound(double x) {
        return (long) Math.rint(x);
    }

    /**
     * Data-Juicer's {@code calculate_resized_dimensions((height, width), size, max_size, divisible)},
     * returning its pair as it returns it: (height, width) in its own naming.
     */
    int[] resizedDimensions(int height, int width) {
        double shortEdge = Math.min(width, height);
        double longEdge = Math.max(width, height);
        double newShort;
        double newLong;
        if (size != null && size.length == 1) {
            newShort = size[0];
            newLong = Math.floor(newShort * longEdge / shortEdge);
        } else if (size != null) {
            newShort = Math.min(size[0], size[1]);
            newLong = Math.max(size[0], size[1]);
        } else {
            newShort = shortEdge;
            newLong = longEdge;
        }
        if (maxSize != null && newLong > maxSize) {
            double scaling = (double) maxSize / newLong;
            newShort = Math.floor(newShort * scaling);
            newLong = maxSize;
        }
        double a = width >= height ? newShort : newLong;
        double b = width >= height ? newLong : newShort;
        return new int[] {(int) (Math.floor(a / divisible) * divisible), (int) (Math.floor(b / divisible) * divisible)};
    }

    /** Registers {@code video_motion_score_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "video_motion_score_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose videos' motion score (mean Farneback optical-flow magnitude between frames "
                    + "sampled at sampling_fps) is in [min_score, max_score] (any_or_all over the videos)";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            String farneback = "passed to OpenCV's calcOpticalFlowFarneback (Data-Juicer takes it as an extra keyword)";
            return List.of(
                    ParamSpec.of("min_score", ParamType.FLOAT, 0.25, "minimum motion score").allowNull(),
                    ParamSpec.of("max_score", ParamType.FLOAT, Double.MAX_VALUE, "maximum motion score").allowNull(),
                    ParamSpec.of("sampling_fps", ParamType.FLOAT, 2.0, "frames per second sampled for the flow").positive(),
                    ParamSpec.of("size", ParamType.ANY, null,
                            "resize frames first: an int for the short edge, or [short, long] edges; None keeps the size"),
                    ParamSpec.of("max_size", ParamType.INT, null, "the longest allowed long edge after resizing").positive(),
                    ParamSpec.of("divisible", ParamType.INT, 1L, "resized dimensions are made divisible by this").positive(),
                    ParamSpec.of("relative", ParamType.BOOL, false, "divide each frame's score by the frame's diagonal"),
                    ANY_OR_ALL,
                    ParamSpec.of("pyr_scale", ParamType.FLOAT, 0.5, farneback).positive(),
                    ParamSpec.of("levels", ParamType.INT, 3L, farneback).range(0.0, null),
                    ParamSpec.of("winsize", ParamType.INT, 15L, farneback).positive(),
                    ParamSpec.of("iterations", ParamType.INT, 3L, farneback).positive(),
                    ParamSpec.of("poly_n", ParamType.INT, 5L, farneback).positive(),
                    ParamSpec.of("poly_sigma", ParamType.FLOAT, 1.2, farneback).positive(),
                    ParamSpec.of("flags", ParamType.INT, 0L, farneback).range(0.0, null),
                    MediaLimits.VIDEO_SECONDS,
                    MediaLimits.bytesParam(MediaLimits.STREAMED_DEFAULT));
        }

        @Override
        public Op create(Params p) {
            return new VideoMotionScoreFilter(p);
        }
    }
}
