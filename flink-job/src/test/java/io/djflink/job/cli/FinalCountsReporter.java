package io.djflink.job.cli;

import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A metric reporter for runs that start and stop their own cluster: it keeps each counter's value
 * as of its removal (when its task ends), which outlives the cluster. Flink's InMemoryReporter
 * forgets everything when the cluster closes it.
 */
public final class FinalCountsReporter implements MetricReporter {

    /** A counter's last value with the variables of its group ({@code <op>}, {@code <subtask_index>}, ...). */
    public record Count(Map<String, String> variables, String name, long value) {}

    public static final Queue<Count> COUNTS = new ConcurrentLinkedQueue<>();

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {}

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        if (metric instanceof Counter c) {
            COUNTS.add(new Count(Map.copyOf(group.getAllVariables()), name, c.getCount()));
        }
    }

    /** Found by Flink through META-INF/services. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new FinalCountsReporter();
        }
    }
}
