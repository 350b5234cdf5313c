package io.djflink.ops.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.djflink.media.DecodedImage;
import io.djflink.media.MediaAccess;
import io.djflink.media.MediaLimits;
import io.djflink.media.MultiItemFilter;
import io.djflink.media.TextDetector;
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
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Keeps samples whose images have a text-area ratio in [min_area_ratio, max_area_ratio]: stat
 * {@code image_ocr_area_ratio}, one value per image, the summed areas of the text boxes PaddleOCR's
 * PP-OCRv4 detector finds over the image's area. A djflink op: Data-Juicer has the video form
 * only ({@code video_ocr_area_ratio_filter}, with EasyOCR's detector), and this is its image
 * counterpart with the same bounds and {@code any_or_all}.
 *
 * <p>It runs in the recipe's async stage: images are decoded and prepared off the task thread and
 * their detector runs are micro-batched across samples by the JVM's inference service
 * ({@code infer_batch}, {@code infer_delay}). The model is {@value TextDetector#DEFAULT_MODEL}, put in place at
 * build time by {@code tools/models/fetch-ppocr-det.sh}, or the file {@code model_path} names.
 */
public final class ImageOcrAreaRatioFilter extends MultiItemFilter implements AsyncOp {

    static final String STAT = "image_ocr_area_ratio";

    private final String imageKey;
    private final Double minRatio;
    private final Double maxRatio;
    private final MediaAccess media;
    private final TextDetector.Settings settings;
    private TextDetector detector;

    ImageOcrAreaRatioFilter(Params p) {
        super(p);
        this.imageKey = p.string("image_key");
        this.minRatio = p.numberOrNull("min_area_ratio");
        this.maxRatio = p.numberOrNull("max_area_ratio");
        this.media = new MediaAccess(MediaLimits.of(p));
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
        return CompletableFuture.supplyAsync(() -> decodeAll(sample, new SampleContext()), TextDetector.preparePool())
                .thenCompose(images -> ratios(sample, images))
                .thenApply(s -> List.of(s));
    }

    @Override
    public void computeStats(Sample sample, SampleContext ctx) throws Exception {
        if (hasStats(sample)) {
            return;
        }
        List<DecodedImage> images = new ArrayList<>();
        for (String location : MediaAccess.locations(sample, imageKey)) {
            images.add(media.image(ctx, location));
        }
        try {
            ratios(sample, images).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private List<DecodedImage> decodeAll(Sample sample, SampleContext ctx) {
        List<DecodedImage> images = new ArrayList<>();
        try {
            for (String location : MediaAccess.locations(sample, imageKey)) {
                images.add(media.image(ctx, location));
            }
        } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
        }
        return images;
    }

    private CompletableFuture<Sample> ratios(Sample sample, List<DecodedImage> images) {
        if (detector == null) {
            try {
                open();
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        List<CompletableFuture<Double>> parts = new ArrayList<>(images.size());
        for (DecodedImage img : images) {
            parts.add(detector.areaRatio(img));
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
    public void close() {
        if (detector != null) {
            detector.close();
            detector = null;
        }
    }

    /** Registers {@code image_ocr_area_ratio_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "image_ocr_area_ratio_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "djflink extension: keeps samples whose images' text-area ratio (PP-OCRv4 text detection) is in"
                    + " [min_area_ratio, max_area_ratio] (any_or_all over the images); the image form of video_ocr_area_ratio_filter";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            List<ParamSpec> p = new ArrayList<>(List.of(
                    ParamSpec.of("min_area_ratio", ParamType.FLOAT, 0.0, "minimum share of the image covered by text boxes").allowNull(),
                    ParamSpec.of("max_area_ratio", ParamType.FLOAT, 1.0, "maximum share of the image covered by text boxes").allowNull(),
                    ANY_OR_ALL));
            p.addAll(TextDetector.params());
            p.add(MediaLimits.bytesParam(MediaLimits.IN_MEMORY_DEFAULT));
            return p;
        }

        @Override
        public Op create(Params p) {
            return new ImageOcrAreaRatioFilter(p);
        }
    }
}
