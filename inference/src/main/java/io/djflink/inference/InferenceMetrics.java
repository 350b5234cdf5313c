package io.djflink.inference;

import java.util.concurrent.atomic.LongAdder;

/**
 * What one shared model session has done, as plain counters and histograms that a Flink stage
 * can expose through its metric group (gauges over the counters, a histogram wrapper over the
 * histograms). All times are nanoseconds.
 */
public final class InferenceMetrics {
    private final LongAdder requests = new LongAdder();
    private final LongAdder runs = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder rejections = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LogHistogram batchSize = new LogHistogram();
    private final LogHistogram queueWaitNanos = new LogHistogram();
    private final LogHistogram inferenceNanos = new LogHistogram();

    /** Samples accepted into the queue. */
    public long requests() {
        return requests.sum();
    }

    /** {@code session.run} calls, one per batch. */
    public long runs() {
        return runs.sum();
    }

    /** Samples whose timeout passed before their result. */
    public long timeouts() {
        return timeouts.sum();
    }

    /** Samples that found no in-flight slot within their timeout. */
    public long rejections() {
        return rejections.sum();
    }

    /** Samples whose run failed in ONNX Runtime. */
    public long failures() {
        return failures.sum();
    }

    /** Samples per run. */
    public LogHistogram batchSize() {
        return batchSize;
    }

    /** From a sample entering the queue to its batch starting to run. */
    public LogHistogram queueWaitNanos() {
        return queueWaitNanos;
    }

    /** Wall time of one {@code session.run}, stacking and splitting included. */
    public LogHistogram inferenceNanos() {
        return inferenceNanos;
    }

    void onRequest() {
        requests.increment();
    }

    void onRun(int size, long nanos) {
        runs.increment();
        batchSize.record(size);
        inferenceNanos.record(nanos);
    }

    void onQueueWait(long nanos) {
        queueWaitNanos.record(nanos);
    }

    void onTimeout() {
        timeouts.increment();
    }

    void undoTimeout() {
        timeouts.decrement();
    }

    void onRejected() {
        rejections.increment();
    }

    void onFailure(int size) {
        failures.add(size);
    }
}
