package io.djflink.state;

import io.djflink.run.OpStats;
import java.util.function.LongSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The live per-op view of a djflink job in Flink's metric system (the web UI, JMX, Prometheus).
 * Each op's metrics sit in the operator where the op runs, in the key/value group
 * {@code op = <op id>}:
 *
 * <pre>
 * &lt;operator scope&gt;.op.03-text_length_filter.filtered
 * </pre>
 *
 * Reporters with labels (Prometheus) turn the key/value group into a label, so every op shares
 * one metric name per counter ({@code flink_taskmanager_job_task_operator_op_filtered}) and
 * queries select ops by the {@code op} label.
 *
 * <p>Counters count since the task attempt started, like Flink's own {@code numRecordsIn}: a
 * failover restarts them from zero. The run summary's exactly-once totals come from the
 * {@link DurableCounters}; these are views of the same numbers, not a second count.
 */
public final class OpMetrics {

    /** The key of the per-op group; its value is the op id ({@code OpConfig.id()}). */
    public static final String GROUP = "op";
    public static final String IN = "in";
    public static final String KEPT = "kept";
    public static final String FILTERED = "filtered";
    public static final String ERRORS = "errors";
    public static final String DUPLICATES = "duplicates";
    /** Total time the op spent, in nanoseconds; its rate is the share of a core the op takes. */
    public static final String NANOS = "nanos";
    /** Histogram of the op's time per sample, in nanoseconds, over the last {@link #TIME_WINDOW} samples. */
    public static final String TIME = "timeNanos";

    /** The group of the parse operator's input counters. */
    public static final String INPUT_GROUP = "input";
    public static final String READ = "read";
    public static final String MALFORMED = "malformed";
    public static final String BYTES = "bytes";

    /**
     * Samples the time histogram keeps. A sliding window bounds memory (8 KB per op and subtask)
     * and the cost of a report (one sort of the window), whatever the sample rate.
     */
    public static final int TIME_WINDOW = 1024;

    private OpMetrics() {}

    /** The metric group of one op under the group of the operator it runs in. */
    public static MetricGroup group(MetricGroup operator, String opId) {
        return operator.addGroup(GROUP, opId);
    }

    /**
     * Registers the counters of a mapper or filter that runs in a fused chain, reading its
     * {@link OpStats}, and returns the histogram to feed with its per-sample times.
     */
    public static Histogram fusedOp(MetricGroup operator, String opId, OpStats stats) {
        MetricGroup g = group(operator, opId);
        view(g, IN, () -> stats.in);
        view(g, KEPT, () -> stats.kept);
        view(g, FILTERED, () -> stats.filtered);
        view(g, ERRORS, () -> stats.errors);
        view(g, NANOS, () -> stats.nanos);
        return g.histogram(TIME, new DescriptiveStatisticsHistogram(TIME_WINDOW));
    }

    /**
     * Registers the counters of a deduplicator's signature computation (the end of a fused chain),
     * reading its {@link OpStats}, and returns the histogram to feed with its per-sample times.
     * Kept and duplicates are counted where the keyed stage decides ({@link #dedup}).
     */
    public static Histogram signature(MetricGroup operator, String opId, OpStats stats) {
        MetricGroup g = group(operator, opId);
        view(g, IN, () -> stats.in);
        view(g, ERRORS, () -> stats.errors);
        view(g, NANOS, () -> stats.nanos);
        return g.histogram(TIME, new DescriptiveStatisticsHistogram(TIME_WINDOW));
    }

    /** Registers the counters of a keyed dedup stage, reading its durable counters. */
    public static void dedup(MetricGroup operator, String opId, DurableCounters counters, int kept, int duplicates) {
        MetricGroup g = group(operator, opId);
        view(g, KEPT, () -> counters.sinceStart(kept));
        view(g, DUPLICATES, () -> counters.sinceStart(duplicates));
    }

    /** Registers a counter that shows a count kept elsewhere; it cannot be incremented itself. */
    public static Counter view(MetricGroup group, String name, LongSupplier count) {
        return group.counter(name, new View(count));
    }

    /**
     * A counter whose value is read from where the job already counts. The reporter thread reads
     * a plain long written by the task thread: the same visibility as Flink's SimpleCounter, and
     * no cost on the hot path at all.
     */
    private static final class View implements Counter {
        private final LongSupplier count;

        View(LongSupplier count) {
            this.count = count;
        }

        @Override
        public long getCount() {
            return count.getAsLong();
        }

        @Override
        public void inc() {
            throw readOnly();
        }

        @Override
        public void inc(long n) {
            throw readOnly();
        }

        @Override
        public void dec() {
            throw readOnly();
        }

        @Override
        public void dec(long n) {
            throw readOnly();
        }

        private static UnsupportedOperationException readOnly() {
            return new UnsupportedOperationException("a view of a count kept elsewhere");
        }
    }
}
