package io.djflink.inference;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How one model is loaded and batched. Users that open the same model with equal options share
 * one session and one batch queue; different options get a session of their own (e.g. a
 * {@code maxBatch} of 1 next to a batched one).
 *
 * <pre>{@code
 * ModelOptions opts = ModelOptions.of(Path.of("models/ch_PP-OCRv4_det_infer.onnx"))
 *         .withBatching(8, Duration.ofMillis(5))
 *         .withMaxInFlight(64)
 *         .withThreads(2, 1);
 * }</pre>
 *
 * @param model the .onnx file
 * @param accelerator CPU or CUDA (CUDA falls back to CPU when unavailable)
 * @param cudaDevice the CUDA device id, used only with {@link Accelerator#CUDA}
 * @param intraOpThreads threads inside one operator; 0 lets ONNX Runtime choose (all cores)
 * @param interOpThreads threads across independent operators; 0 lets ONNX Runtime choose
 * @param maxBatch the most samples stacked into one run on the batch dimension
 * @param maxDelay how long the oldest queued sample may wait for others before its batch runs
 * @param maxInFlight the most submitted, not yet completed samples; submitters wait beyond it
 * @param timeout the limit from submit to result, waiting for a slot included
 * @param outputName the output to return; {@code null} means the model's first output
 */
public record ModelOptions(
        Path model,
        Accelerator accelerator,
        int cudaDevice,
        int intraOpThreads,
        int interOpThreads,
        int maxBatch,
        Duration maxDelay,
        int maxInFlight,
        Duration timeout,
        String outputName) {

    public ModelOptions {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(accelerator, "accelerator");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(timeout, "timeout");
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0 (0 = ONNX Runtime's default)");
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
        }
        if (maxDelay.isNegative()) {
            throw new IllegalArgumentException("maxDelay must not be negative");
        }
        if (maxInFlight < maxBatch) {
            throw new IllegalArgumentException(
                    "maxInFlight (" + maxInFlight + ") must be >= maxBatch (" + maxBatch + ")");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        // one file, one key: relative and absolute spellings of the same model share a session
        model = model.toAbsolutePath().normalize();
    }

    /** CPU, ONNX Runtime's thread defaults, batches of up to 8 within 5 ms, 256 in flight, 30 s timeout. */
    public static ModelOptions of(Path model) {
        return new ModelOptions(model, Accelerator.CPU, 0, 0, 0, 8, Duration.ofMillis(5), 256,
                Duration.ofSeconds(30), null);
    }

    public ModelOptions withAccelerator(Accelerator value, int device) {
        return new ModelOptions(model, value, device, intraOpThreads, interOpThreads, maxBatch,
                maxDelay, maxInFlight, timeout, outputName);
    }

    public ModelOptions withThreads(int intraOp, int interOp) {
        return new ModelOptions(model, accelerator, cudaDevice, intraOp, interOp, maxBatch,
                maxDelay, maxInFlight, timeout, outputName);
    }

    public ModelOptions withBatching(int batch, Duration delay) {
        return new ModelOptions(model, accelerator, cudaDevice, intraOpThreads, interOpThreads,
                batch, delay, Math.max(maxInFlight, batch), timeout, outputName);
    }

    public ModelOptions withMaxInFlight(int value) {
        return new ModelOptions(model, accelerator, cudaDevice, intraOpThreads, interOpThreads,
                maxBatch, maxDelay, value, timeout, outputName);
    }

    public ModelOptions withTimeout(Duration value) {
        return new ModelOptions(model, accelerator, cudaDevice, intraOpThreads, interOpThreads,
                maxBatch, maxDelay, maxInFlight, value, outputName);
    }

    public ModelOptions withOutput(String name) {
        return new ModelOptions(model, accelerator, cudaDevice, intraOpThreads, interOpThreads,
                maxBatch, maxDelay, maxInFlight, timeout, name);
    }
}
