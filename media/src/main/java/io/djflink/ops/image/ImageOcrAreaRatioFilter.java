package io.djflink.ops.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.djflink.inference.Accelerator;
import io.djflink.inference.InferenceMetrics;
import io.djflink.media.DecodedImage;
import io.djflink.media.MediaAccess;
import io.djflink.media.MediaLimits;
import io.djflink.media.MultiItemFilter;
import io.djflink.media.TextDetector;
import io.djflink.ops.AsyncOp;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamException;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import io.djflink.ops.model.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * ({@code infer_batch}, {@code infer_delay}). The model is {@value #DEFAULT_MODEL}, put in place at
 * build time by {@code tools/models/fetch-ppocr-det.sh}, or the file {@code model_path} names.
 */
public final class ImageOcrAreaRatioFilter extends MultiItemFilter implements AsyncOp {

    static final String STAT = "image_ocr_area_ratio";
    /** Where the build puts the model, relative to the djflink home. */
    public static final String DEFAULT_MODEL = "models/ch_PP-OCRv4_det_infer.onnx";
    static final String FETCH_STEP = "the build step 'fetch PP-OCR det model' (tools/models/fetch-ppocr-det.sh, run by "
            + "`mvn -B verify` and `mvn -B package`)";

    private final String imageKey;
    private final Double minRatio;
    private final Double maxRatio;
    private final MediaAccess media;
    private final Path modelFile;
    private final Accelerator accelerator;
    private final int inferBatch;
    private final Duration inferDelay;
    private final Integer capacity;
    private final Duration timeout;
    private TextDetector detector;

    ImageOcrAreaRatioFilter(Params p) {
        super(p);
        this.imageKey = p.string("image_key");
        this.minRatio = p.numberOrNull("min_area_ratio");
        this.maxRatio = p.numberOrNull("max_area_ratio");
        this.media = new MediaAccess(MediaLimits.of(p));
        this.modelFile = model(p, "model_path", DEFAULT_MODEL, "PP-OCR text-detection model", FETCH_STEP);
        this.accelerator = accelerator(p);
        this.inferBatch = (int) p.integer("infer_batch");
        this.inferDelay = Duration.ofNanos((long) (p.number("infer_delay") * 1e9));
        this.capacity = p.isNull("async_capacity") ? null : (int) p.integer("async_capacity");
        this.timeout = p.isNull("async_timeout") ? null : Duration.ofNanos((long) (p.number("async_timeout") * 1e9));
    }

    @Override
    public synchronized void open() throws Exception {
        if (detector == null) {
            detector = TextDetector.open(modelFile, accelerator, inferBatch, inferDelay,
                    timeout != null ? timeout : Duration.ofSeconds(300));
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
        return capacity;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    /**
     * The model session's figures under {@code inference.*}: requests, runs, and the mean and 99th
     * percentile of batch size, queue wait and run time. The session is shared by every task of the
     * TaskManager that opens the same model, so each of them shows the session's totals.
     */
    @Override
    public Map<String, Supplier<Number>> gauges() {
        if (detector == null) {
            return Map.of();
        }
        InferenceMetrics m = detector.metrics();
        Map<String, Supplier<Number>> g = new LinkedHashMap<>();
        g.put("inference.requests", m::requests);
        g.put("inference.runs", m::runs);
        g.put("inference.timeouts", m::timeouts);
        g.put("inference.failures", m::failures);
        g.put("inference.batchSizeMean", () -> m.batchSize().mean());
        g.put("inference.batchSizeP99", () -> m.batchSize().quantile(0.99));
        g.put("inference.queueWaitNanosMean", () -> m.queueWaitNanos().mean());
        g.put("inference.queueWaitNanosP99", () -> m.queueWaitNanos().quantile(0.99));
        g.put("inference.runNanosMean", () -> m.inferenceNanos().mean());
        g.put("inference.runNanosP99", () -> m.inferenceNanos().quantile(0.99));
        return g;
    }

    @Override
    public void close() {
        if (detector != null) {
            detector.close();
            detector = null;
        }
    }

    /** The accelerator of the common {@code accelerator} parameter: cpu unless it says cuda. */
    static Accelerator accelerator(Params p) {
        if (p.isNull("accelerator")) {
            return Accelerator.CPU;
        }
        try {
            return Accelerator.of(p.string("accelerator"));
        } catch (IllegalArgumentException e) {
            throw new ParamException("accelerator", "op " + p.op() + ": accelerator '" + p.string("accelerator")
                    + "' is not one of [cpu, cuda]");
        }
    }

    /** The model file: {@code param} if given, else the first {@code defaultModel} of the djflink home or a parent of the working directory. */
    static Path model(Params p, String param, String defaultModel, String what, String fetchStep) {
        if (!p.isNull(param)) {
            Path path = Path.of(p.string(param)).toAbsolutePath().normalize();
            if (!Files.isRegularFile(path)) {
                throw new ParamException(param, "op " + p.op() + ": " + param + " " + path + " is not a file (the " + what
                        + "); djflink never downloads models");
            }
            return path;
        }
        List<Path> tried = ModelFiles.candidates(defaultModel);
        for (Path candidate : tried) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new ParamException(param, "op " + p.op() + " needs the " + what + ", not found at " + tried + ". Fetch it with "
                + fetchStep + ", or set " + param + "; djflink never downloads models at run time");
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
            return List.of(
                    ParamSpec.of("min_area_ratio", ParamType.FLOAT, 0.0, "minimum share of the image covered by text boxes").allowNull(),
                    ParamSpec.of("max_area_ratio", ParamType.FLOAT, 1.0, "maximum share of the image covered by text boxes").allowNull(),
                    ANY_OR_ALL,
                    ParamSpec.of("model_path", ParamType.STRING, null,
                            "djflink: the PP-OCR text-detection ONNX model (default: " + DEFAULT_MODEL + " of the djflink home)").allowNull(),
                    ParamSpec.of("infer_batch", ParamType.INT, 8L, "djflink: most images in one detector run (same-size images batch)").positive(),
                    ParamSpec.of("infer_delay", ParamType.FLOAT, 0.005,
                            "djflink: seconds the oldest image waits for others to fill a batch").range(0.0, null),
                    ParamSpec.of("async_capacity", ParamType.INT, null,
                            "djflink: samples in flight per task in the async stage (null: djflink async.capacity)").allowNull().positive(),
                    ParamSpec.of("async_timeout", ParamType.FLOAT, null,
                            "djflink: seconds a sample may take before it is an error (null: djflink async.timeout)").allowNull().range(0.001, null),
                    MediaLimits.bytesParam(MediaLimits.IN_MEMORY_DEFAULT));
        }

        @Override
        public Op create(Params p) {
            return new ImageOcrAreaRatioFilter(p);
        }
    }
}
