package io.djflink.media;

import io.djflink.inference.Accelerator;
import io.djflink.inference.FloatTensor;
import io.djflink.inference.InferenceService;
import io.djflink.inference.ModelHandle;
import io.djflink.inference.ModelOptions;
import io.djflink.inference.PpOcrDet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
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

    /**
     * Opens the detector model through the JVM's shared inference service.
     *
     * @param maxBatch most frames in one inference run (frames batch only with frames of the same size)
     * @param maxDelay how long the oldest request waits for companions
     */
    public static TextDetector open(java.nio.file.Path modelFile, Accelerator accelerator, int maxBatch, Duration maxDelay,
            Duration timeout) throws Exception {
        ModelOptions o = ModelOptions.of(modelFile).withAccelerator(accelerator, 0)
                .withBatching(maxBatch, maxDelay).withMaxInFlight(Math.max(256, maxBatch)).withTimeout(timeout);
        return new TextDetector(InferenceService.shared().open(o));
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

    /** What the shared model session has done (all the detectors on it together). */
    public io.djflink.inference.InferenceMetrics metrics() {
        return model.metrics();
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
