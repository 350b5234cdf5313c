package io.djflink.ops;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;

/**
 * An op whose work waits on something outside the task (a remote model, an inference service).
 * The planner gives it a stage of its own where many samples are in flight at once, so the task
 * thread never blocks on one of them.
 *
 * <p>{@link #applyAsync} is called on the task thread and must not block; the future may complete
 * on any thread. A {@link Filter} completes with the sample after writing its stats, and the stage
 * then asks {@link Filter#keep}; a mapper completes with the samples it yields (none drops the
 * sample, several split it). A future that completes exceptionally is an op error on that sample.
 */
public interface AsyncOp extends Op {

    /** Starts the op on one sample. */
    CompletableFuture<List<Sample>> applyAsync(Sample sample);

    /** Requests this op may have in flight per task, or null for the recipe's {@code async.capacity}. */
    default Integer capacity() {
        return null;
    }

    /** How long one sample may take before it is an error, or null for the recipe's {@code async.timeout}. */
    default Duration timeout() {
        return null;
    }

    /**
     * Values the op reports as metrics of its stage once it is open, by name (e.g. the batch sizes
     * of a model it runs). They are read on the metrics reporter's thread, so they must be safe to
     * read concurrently.
     */
    default Map<String, Supplier<Number>> gauges() {
        return Map.of();
    }
}
