package io.djflink.ops.video;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.djflink.media.DecodedImage;
import io.djflink.media.FrameSampling;
import io.djflink.media.MediaAccess;
import io.djflink.media.MediaException;
import io.djflink.media.MediaLimits;
import io.djflink.media.MultiItemFilter;
import io.djflink.media.TextDetector;
import io.djflink.media.VideoAccess;
import io.djflink.ops.AsyncOp;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Keeps samples whose videos have a text-area ratio in [min_area_ratio, max_area_ratio]: stat
 * {@code video_ocr_area_ratio}, one value per video, the mean over {@code frame_sample_num}
 * uniformly sampled frames (Data-Juicer's {@code extract_video_frames_uniformly}) of the summed
 * text-box areas over the frame's area.
 *
 * <p>Data-Juicer detects text with EasyOCR's CRAFT detector; djflink runs PaddleOCR's PP-OCRv4
 * text detector (a model the build can fetch), so the ratios are those of a different detector:
 * both box whole text lines, but the box margins differ. {@code languages_to_detect} is accepted
 * for recipe compatibility; the detector finds text regardless of language. A video with no
 * frame to sample is an error naming it (Data-Juicer's mean over no frames is NaN, which no
 * bounds keep).
 *
 * <p>Like {@code image_ocr_area_ratio_filter} it runs in the recipe's async stage: frames are
 * decoded and prepared off the task thread, and the detector runs on the inference service's
 * micro-batches across frames, videos and samples.
 */
public final class VideoOcrAreaRatioFilter extends MultiItemFilter implements AsyncOp {

    static final String STAT = "video_ocr_area_ratio";

    private final String videoKey;
    private final Double minRatio;
    private final Double maxRatio;
    private final FrameSampling sampling;
    private final VideoAccess videos;
    private final TextDetector.Settings settings;
    private TextDetector detector;

    VideoOcrAreaRatioFilter(Params p) {
        super(p);
        this.videoKey = p.string("video_key");
        this.minRatio = p.numberOrNull("min_area_ratio");
        this.maxRatio = p.numberOrNull("max_area_ratio");
        this.sampling = FrameSampling.uniform((int) p.integer("frame_sample_num"));
        this.videos = new VideoAccess(new MediaAccess(MediaLimits.of(p)));
        this.settings = TextDetector.Settings.of(p);
    }

    @Override
    public synchronized void open() throws Exception {
        if (detector == null) {
            detector = TextDetector.open(settings);
        }
    }

    @Override
    public CompletableFuture<List<Sample>> applyAsync(Sample sample) {
        if (hasStats(sample)) {
            return CompletableFuture.completedFuture(List.of(sample));
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return frames(sample, new SampleContext());
            } catch (MediaException e) {
                throw new CompletionException(e);
            }
        }, TextDetector.preparePool()).thenCompose(frames -> ratios(sample, frames)).thenApply(List::of);
    }

    @Override
    public void computeStats(Sample sample, SampleContext ctx) throws Exception {
        if (hasStats(sample)) {
            return;
        }
        try {
            ratios(sample, frames(sample, ctx)).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    /** Each video's sampled frames, in the sample's order. */
    private List<List<DecodedImage>> frames(Sample sample, SampleContext ctx) throws MediaException {
        List<List<DecodedImage>> out = new ArrayList<>();
        for (String location : MediaAccess.locations(sample, videoKey)) {
            List<DecodedImage> f = videos.frames(ctx, location, sampling);
            if (f.isEmpty()) {
                throw new MediaException(location, "the video has no frame to sample");
            }
            out.add(f);
        }
        return out;
    }

    private CompletableFuture<Sample> ratios(Sample sample, List<List<DecodedImage>> frames) {
        try {
            open();
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
        List<CompletableFuture<Double>> parts = new ArrayList<>(frames.size());
        for (List<DecodedImage> f : frames) {
            parts.add(detector.meanAreaRatio(f));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            ArrayNode stat = newStatList(sample, STAT);
            for (CompletableFuture<Double> f : parts) {
                stat.add(f.join());
            }
            return sample;
        });
    }

    @Override
    protected boolean keepItem(Sample sample, int i) {
        return inRange(statItem(sample, STAT, i), minRatio, maxRatio);
    }

    @Override
    public List<String> statKeys() {
        return List.of(STAT);
    }

    @Override
    public Integer capacity() {
        return settings.capacity();
    }

    @Override
    public Duration timeout() {
        return settings.timeout();
    }

    @Override
    public Map<String, Supplier<Number>> gauges() {
        return detector == null ? Map.of() : detector.gauges();
    }

    @Override
    public synchronized void close() {
        if (detector != null) {
            detector.close();
            detector = null;
        }
    }

    /** Registers {@code video_ocr_area_ratio_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "video_ocr_area_ratio_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose videos' text-area ratio (mean over frame_sample_num uniformly sampled frames; PP-OCRv4"
                    + " text detection where Data-Juicer uses EasyOCR) is in [min_area_ratio, max_area_ratio] (any_or_all over the videos)";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            List<ParamSpec> p = new ArrayList<>(List.of(
                    ParamSpec.of("min_area_ratio", ParamType.FLOAT, 0.0, "minimum share of the frames covered by text boxes").allowNull(),
                    ParamSpec.of("max_area_ratio", ParamType.FLOAT, 1.0, "maximum share of the frames covered by text boxes").allowNull(),
                    ParamSpec.of("frame_sample_num", ParamType.INT, 3L,
                            "frames sampled uniformly per video: 1 = the middle frame, 2 = the first and the last, more = evenly"
                                    + " in between as well").positive(),
                    ParamSpec.of("languages_to_detect", ParamType.ANY, List.of("ch_sim", "en"),
                            "accepted for compatibility: the PP-OCRv4 detector finds text of any language"),
                    ANY_OR_ALL));
            p.addAll(TextDetector.params());
            p.add(MediaLimits.bytesParam(MediaLimits.STREAMED_DEFAULT));
            p.add(MediaLimits.VIDEO_SECONDS);
            return p;
        }

        @Override
        public Op create(Params p) {
            return new VideoOcrAreaRatioFilter(p);
        }
    }
}
