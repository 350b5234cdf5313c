package io.djflink.inference;

import java.util.Locale;

/** Where a model runs; the recipe's {@code accelerator} value. */
public enum Accelerator {
    /** ONNX Runtime's default CPU execution provider. */
    CPU,
    /**
     * The CUDA execution provider, when the onnxruntime_gpu artifact is on the classpath and a
     * GPU is usable; otherwise the session falls back to {@link #CPU} and says so in one log line.
     */
    CUDA;

    /** Parses a recipe value ({@code cpu} or {@code cuda}, any case). */
    public static Accelerator of(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "accelerator must be one of [cpu, cuda], got '" + value + "'");
        }
    }
}
