package io.djflink.media;

import io.djflink.inference.Accelerator;
import io.djflink.inference.FloatTensor;
import io.djflink.inference.InferenceMetrics;
import io.djflink.inference.InferenceService;
import io.djflink.inference.ModelHandle;
import io.djflink.inference.ModelOptions;
import io.djflink.inference.PpOcrDet;
import io.djflink.ops.ParamException;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.model.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Text-area ratios of decoded images and frames with PaddleOCR's PP-OCR text detector, run by the
 * JVM's {@link InferenceService}: requests of many samples (and frames) are micro-batched into one
 * ONNX Runtime run, and the session is shared by every op instance that opens the same model with
 * the same options.
 *
 * <p>Preparation (PaddleOCR's bilinear resize, normalisation) runs on a small pool of its own, so
 * the Flink task thread that starts a request never does the per-pixel work; the DB
 * post-processing runs on the thread that completes the inference.
 */
public final class TextDetector implements AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Shared by every detector in the JVM; daemon threads, one per core. */
    private static final ExecutorService PREPARE = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "djflink-ocr-prepare-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    private final ModelHandle model;

    /** The pool that decodes and prepares images for detection, off the Flink task threads. */
    public static ExecutorService preparePool() {
        return PREPARE;
    }

    private TextDetector(ModelHandle model) {
        this.model = model;
    }

    /** Where the build puts the model, relative to the djflink home. */
    public static final String DEFAULT_MODEL = "models/ch_PP-OCRv4_det_infer.onnx";
    static final String FETCH_STEP = "the build step 'fetch PP-OCR det model' (tools/models/fetch-ppocr-det.sh, run by "
            + "`mvn -B verify` and `mvn -B package`)";

    /**
     * What an op that detects text is given: the model file, the common {@code accelerator}, the
     * micro-batch settings, and the op's async stage capacity and timeout (null: the recipe's).
     */
    public record Settings(Path model, Accelerator accelerator, int maxBatch, Duration maxDelay, Integer capacity,
            Duration timeout) {

        /** The settings of bound parameters ({@link #params()} and the common ones); checks the model file is there. */
        public static Settings of(Params p) {
            return new Settings(TextDetector.model(p), TextDetector.accelerator(p), (int) p.integer("infer_batch"),
                    Duration.ofNanos((long) (p.number("infer_delay") * 1e9)),
                    p.isNull("async_capacity") ? null : (int) p.integer("async_capacity"),
                    p.isNull("async_timeout") ? null : Duration.ofNanos((long) (p.number("async_timeout") * 1e9)));
        }
    }

    /** The djflink parameters of an op that detects text. */
    public static List<ParamSpec> params() {
        return List.of(
                ParamSpec.of("model_path", ParamType.STRING, null,
                        "djflink: the PP-OCR text-detection ONNX model (default: " + DEFAULT_MODEL + " of the djflink home)").allowNull(),
                ParamSpec.of("infer_batch", ParamType.INT, 8L, "djflink: most images or frames in one detector run (same-size ones batch)")
                        .positive(),
                ParamSpec.of("infer_delay", ParamType.FLOAT, 0.005,
                        "djflink: seconds the oldest image waits for others to fill a batch").range(0.0, null),
                ParamSpec.of("async_capacity", ParamType.INT, null,
                        "djflink: samples in flight per task in the async stage (null: djflink async.capacity)").allowNull().positive(),
                ParamSpec.of("async_timeout", ParamType.FLOAT, null,
                        "djflink: seconds a sample may take before it is an error (null: djflink async.timeout)").allowNull().range(0.001, null));
    }

    /** Opens the detector model through the JVM's shared inference service. */
    public static TextDetector open(Settings s) throws Exception {
        ModelOptions o = ModelOptions.of(s.model()).withAccelerator(s.accelerator(), 0)
                .withBatching(s.maxBatch(), s.maxDelay()).withMaxInFlight(Math.max(256, s.maxBatch()))
                .withTimeout(s.timeout() != null ? s.timeout() : Duration.ofSeconds(300));
        return new TextDetector(InferenceService.shared().open(o));
    }

    /** The mean text-area ratio of {@code frames} (a video's sampled frames), NaN for none. */
    public CompletableFuture<Double> meanAreaRatio(List<DecodedImage> frames) {
        List<CompletableFuture<Double>> parts = frames.stream().map(this::areaRatio).toList();
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(done -> parts.stream().mapToDouble(CompletableFuture::join).average().orElse(Double.NaN));
    }

    /** The share of {@code img} covered by detected text boxes (summed box areas over the image area). */
    public CompletableFuture<Double> areaRatio(DecodedImage img) {
        int[] size = PpOcrDet.inputSize(img.width(), img.height());
        return CompletableFuture.supplyAsync(() -> PpOcrDet.normalizeBgr(resized(img, size[0], size[1]), size[0], size[1]), PREPARE)
                .thenCompose(chw -> model.submit(chw, 3, size[1], size[0]))
                .thenApply(map -> PpOcrDet.areaRatio(boxes(map, img), img.width(), img.height()));
    }

    private static List<PpOcrDet.TextBox> boxes(FloatTensor map, DecodedImage img) {
        return PpOcrDet.boxes(map, img.width(), img.height());
    }

    /** PaddleOCR's {@code cv2.resize} (bilinear) to the detector's input size, as BGR bytes. */
    static byte[] resized(DecodedImage img, int w, int h) {
        if (w == img.width() && h == img.height()) {
            return img.bgr();
        }
        try (BytePointer src = new BytePointer(img.bgr());
                Mat in = new Mat(img.height(), img.width(), CV_8UC3, src);
                Mat out = new Mat();
                Size size = new Size(w, h)) {
            resize(in, out, size, 0, 0, INTER_LINEAR);
            byte[] bgr = new byte[w * h * 3];
            out.data().get(bgr);
            return bgr;
        }
    }

    /**
     * The model session's figures as gauges under {@code inference.*}: requests, runs, timeouts,
     * failures, and the mean and 99th percentile of batch size, queue wait and run time. The
     * session is shared by every task of the TaskManager that opens the same model, so each of
     * them shows the session's totals.
     */
    public Map<String, Supplier<Number>> gauges() {
        InferenceMetrics m = model.metrics();
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

    /** {@code model_path} if given, else the first {@value #DEFAULT_MODEL} of the djflink home or a parent of the working directory. */
    static Path model(Params p) {
        if (!p.isNull("model_path")) {
            Path path = Path.of(p.string("model_path")).toAbsolutePath().normalize();
            if (!Files.isRegularFile(path)) {
                throw new ParamException("model_path", "op " + p.op() + ": model_path " + path
                        + " is not a file (the PP-OCR text-detection model); djflink never downloads models");
            }
            return path;
        }
        List<Path> tried = ModelFiles.candidates(DEFAULT_MODEL);
        for (Path candidate : tried) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new ParamException("model_path", "op " + p.op() + " needs the PP-OCR text-detection model, not found at " + tried
                + ". Fetch it with " + FETCH_STEP + ", or set model_path; djflink never downloads models at run time");
    }

    /** Which execution provider the session runs on (CPU when CUDA was asked for but is missing). */
    public Accelerator executionProvider() {
        return model.executionProvider();
    }

    @Override
    public void close() {
        model.close();
    }
}
