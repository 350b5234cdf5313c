package io.djflink.inference;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One user's reference to a shared model session. Thread-safe; closing it twice is harmless.
 * The model must have one float input whose first dimension is the batch; each sample is
 * submitted without that dimension.
 */
public final class ModelHandle implements AutoCloseable {
    private final InferenceService service;
    private final SharedSession session;
    private final AtomicBoolean closed = new AtomicBoolean();

    ModelHandle(InferenceService service, SharedSession session) {
        this.service = service;
        this.session = session;
    }

    /**
     * Queues one sample. Samples of equal shape are batched together; the result is this
     * sample's slice of the output, without the batch dimension. Blocks while the session has
     * {@code maxInFlight} unfinished samples (see {@link InferenceService}).
     *
     * @param data the sample, row-major; not copied, so do not change it until the future is done
     * @param shape the sample's dimensions, batch excluded (e.g. 3, H, W)
     * @return completes with the output, or exceptionally with {@link java.util.concurrent.TimeoutException},
     *     {@link InferenceRejectedException} or ONNX Runtime's error
     */
    public CompletableFuture<FloatTensor> submit(float[] data, long... shape) {
        return submit(new FloatTensor(data, shape));
    }

    /** {@link #submit(float[], long...)} for a tensor already built. */
    public CompletableFuture<FloatTensor> submit(FloatTensor sample) {
        return submit(sample, session.options().timeout());
    }

    /**
     * {@link #submit(FloatTensor)} with this sample's own timeout instead of the model's, e.g.
     * what is left of the caller's own deadline.
     */
    public CompletableFuture<FloatTensor> submit(FloatTensor sample, Duration timeout) {
        if (closed.get()) {
            throw new IllegalStateException("this model handle is closed");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        return session.submit(sample.data(), sample.shape().clone(), timeout);
    }

    /** The provider the session really runs on: CUDA only if it was asked for and started. */
    public Accelerator executionProvider() {
        return session.provider();
    }

    /** The session's counters and histograms, shared with every handle on the same session. */
    public InferenceMetrics metrics() {
        return session.metrics();
    }

    public ModelOptions options() {
        return session.options();
    }

    public String inputName() {
        return session.inputName();
    }

    public String outputName() {
        return session.outputName();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            service.release(session);
        }
    }
}
