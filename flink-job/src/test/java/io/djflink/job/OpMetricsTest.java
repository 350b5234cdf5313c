package io.djflink.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.recipe.OpConfig;
import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeLoader;
import io.djflink.run.OpStats;
import io.djflink.state.OpMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-op metrics, read through a real metric reporter of the test cluster at parallelism 2,
 * add up over subtasks to the run summary's exactly-once counts (no failover here, so the two
 * views agree).
 */
class OpMetricsTest {

    /** Keeps metrics after their job ends, so they can be read once the run is over. */
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    Path tmp;

    @Test
    void filterMapperAndExactDedupMetricsEqualTheSummary() throws Exception {
        Recipe recipe = RecipeLoader.load(TestData.repo("recipes/demo.yaml"))
                .with("project_name", "metrics-demo")
                .with("dataset_path", TestData.repo("recipes/data/demo.jsonl").toString())
                .with("export_path", tmp.resolve("out/demo.jsonl").toString());
        RecipeJob.Result r = run(recipe);
        Map<String, Long> counts = counters("metrics-demo");
        RunSummary s = r.summary();

        OpConfig textLength = op(r, "text_length_filter");
        assertThat(s.op(textLength.id()).filtered).as("the demo filters something here").isPositive();
        for (OpConfig op : r.spec().ops()) {
            OpStats want = s.op(op.id());
            if (op.name().equals("document_deduplicator")) {
                assertThat(counts.get(op.id() + ".in")).as(op.id()).isEqualTo(want.in);
                assertThat(counts.get(op.id() + ".kept")).as(op.id()).isEqualTo(want.kept);
                assertThat(counts.get(op.id() + ".duplicates")).as(op.id()).isEqualTo(want.duplicates).isPositive();
                assertThat(counts.get(op.id() + ".errors")).as(op.id()).isEqualTo(want.errors);
            } else {
                assertThat(counts.get(op.id() + ".in")).as(op.id()).isEqualTo(want.in);
                assertThat(counts.get(op.id() + ".kept")).as(op.id()).isEqualTo(want.kept);
                assertThat(counts.get(op.id() + ".filtered")).as(op.id()).isEqualTo(want.filtered);
                assertThat(counts.get(op.id() + ".errors")).as(op.id()).isEqualTo(want.errors);
                assertThat(counts.get(op.id() + ".nanos")).as(op.id()).isEqualTo(want.nanos);
            }
            assertThat(counts.get(op.id() + ".timeNanos.count")).as("one time per sample in, " + op.id()).isEqualTo(want.in);
        }
        assertThat(counts.get("input.read")).isEqualTo(s.read()).isEqualTo(24);
        assertThat(counts.get("input.malformed")).isEqualTo(s.malformed());
        assertThat(counts.get("input.bytes")).isEqualTo(s.bytes()).isPositive();

        assertThat(identifiers("metrics-demo"))
                .anyMatch(id -> id.matches(".*metrics-demo\\.fused ops \\[[0-9,]+\\][^.]*\\.[01]\\.op\\."
                        + textLength.id() + "\\.filtered"))
                .anyMatch(id -> id.matches(".*\\.dedup document_deduplicator \\(keyed, RocksDB\\)\\.[01]\\.op\\.11-document_deduplicator\\.duplicates"))
                .anyMatch(id -> id.matches(".*\\.parse\\.[01]\\.input\\.read"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"batch", "streaming"})
    void nearDedupHoldMetricsEqualTheSummary(String mode) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            // first and last words repeat every 50 samples: 150 near duplicates of 50 survivors
            lines.append("{\"id\":\"d").append(i).append("\",\"text\":\"w").append(i % 50).append(" mid z").append(i % 50).append("\"}\n");
        }
        Path in = tmp.resolve("near-" + mode + ".jsonl");
        Files.writeString(in, lines, StandardCharsets.UTF_8);
        Recipe recipe = RecipeLoader.parse("near.yaml", String.join("\n",
                "project_name: metrics-near-" + mode,
                "dataset_path: '" + in + "'",
                "export_path: '" + tmp.resolve("out/near-" + mode + ".jsonl") + "'",
                "np: 2",
                "djflink:",
                "  mode: " + mode,
                "process:",
                "  - test_word_near_deduplicator:",
                ""));
        RecipeJob.Result r = run(recipe);
        Map<String, Long> counts = counters("metrics-near-" + mode);
        OpConfig near = op(r, "test_word_near_deduplicator");

        assertThat(counts.get(near.id() + ".in")).isEqualTo(200);
        assertThat(counts.get(near.id() + ".kept")).isEqualTo(r.summary().op(near.id()).kept).isEqualTo(50);
        assertThat(counts.get(near.id() + ".duplicates")).isEqualTo(r.summary().op(near.id()).duplicates).isEqualTo(150);
    }

    @Test
    void anAsyncOpsMetricsEqualTheSummary() throws Exception {
        try (io.djflink.job.bench.LocalChatEndpoint endpoint = new io.djflink.job.bench.LocalChatEndpoint(2, 16,
                prompt -> io.djflink.job.bench.LocalChatEndpoint.Reply.content(prompt.contains("a")
                        ? io.djflink.job.bench.LocalChatEndpoint.qualityRating(4) : "no rating"))) {
            Recipe recipe = RecipeLoader.parse("async-metrics.yaml", String.join("\n",
                    "project_name: metrics-async",
                    "dataset_path: '" + TestData.repo("recipes/data/demo.jsonl") + "'",
                    "export_path: '" + tmp.resolve("out/async.jsonl") + "'",
                    "np: 2",
                    "process:",
                    "  - llm_quality_score_filter:",
                    "      api_endpoint: '" + endpoint.url() + "'",
                    "      try_num: 1",
                    ""));
            RecipeJob.Result r = run(recipe);
            Map<String, Long> counts = counters("metrics-async");
            OpConfig op = op(r, "llm_quality_score_filter");
            OpStats want = r.summary().op(op.id());
            assertThat(want.in).isEqualTo(r.summary().read());
            assertThat(counts.get(op.id() + ".in")).isEqualTo(want.in);
            assertThat(counts.get(op.id() + ".kept")).isEqualTo(want.kept).isPositive();
            assertThat(counts.get(op.id() + ".errors")).isEqualTo(want.errors);
            assertThat(counts.get(op.id() + ".filtered")).isEqualTo(want.filtered);
            assertThat(counts.get(op.id() + ".nanos")).isEqualTo(want.nanos).isPositive();
            assertThat(counts.get(op.id() + ".timeNanos.count")).isEqualTo(want.in);
        }
    }

    @Test
    void aModelOpReportsItsInferenceSession() throws Exception {
        Path data = java.nio.file.Files.createDirectories(tmp.resolve("ocr"));
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(160, 96, java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = img.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, 160, 96);
            g.setColor(java.awt.Color.BLACK);
            g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 28));
            g.drawString("No " + i, 20, 60);
            g.dispose();
            javax.imageio.ImageIO.write(img, "png", data.resolve(i + ".png").toFile());
            in.append("{\"text\":\"t\",\"images\":[\"").append(i).append(".png\"]}\n");
        }
        java.nio.file.Files.writeString(data.resolve("in.jsonl"), in);
        Recipe recipe = RecipeLoader.parse("ocr-metrics.yaml", String.join("\n",
                "project_name: metrics-ocr",
                "dataset_path: '" + data.resolve("in.jsonl") + "'",
                "export_path: '" + tmp.resolve("out/ocr.jsonl") + "'",
                "process:",
                "  - image_ocr_area_ratio_filter:",
                "      min_area_ratio: 0.01",
                ""));
        RecipeJob.Result r = run(recipe);
        String id = op(r, "image_ocr_area_ratio_filter").id();
        Map<String, Double> gauges = new HashMap<>();
        forEachMetric("metrics-ocr", (group, name, metric) -> {
            if (metric instanceof org.apache.flink.metrics.Gauge<?> gauge && name.startsWith("inference.")
                    && id.equals(group.getAllVariables().get("<" + OpMetrics.GROUP + ">"))) {
                gauges.merge(name, ((Number) gauge.getValue()).doubleValue(), Math::max);
            }
        });
        assertThat(r.summary().op(id).kept).isEqualTo(6);
        // both subtasks share the TaskManager's session and show its totals
        assertThat(gauges.get("inference.requests")).isEqualTo(6.0);
        assertThat(gauges.get("inference.runs")).isBetween(1.0, 6.0);
        assertThat(gauges.get("inference.batchSizeMean")).isGreaterThanOrEqualTo(1.0);
        assertThat(gauges.get("inference.runNanosMean")).isPositive();
        assertThat(gauges).containsKeys("inference.queueWaitNanosP99", "inference.timeouts", "inference.failures");
    }

    private static RecipeJob.Result run(Recipe recipe) throws Exception {
        RecipeJob.Options opts = new RecipeJob.Options(Duration.ofSeconds(2), 1L << 20, true, false);
        return RecipeJob.run(RecipeJob.prepare(recipe.with("np", 2L), opts), opts, System.out);
    }

    private static OpConfig op(RecipeJob.Result r, String name) {
        return r.spec().ops().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * The job's op and input counters summed over subtasks and operators, as
     * {@code <op id>.<counter>} and {@code input.<counter>}; histograms as {@code <op id>.timeNanos.count}.
     */
    private static Map<String, Long> counters(String jobName) {
        Map<String, Long> out = new HashMap<>();
        forEachMetric(jobName, (group, name, metric) -> {
            Map<String, String> vars = group.getAllVariables();
            String prefix = vars.containsKey("<" + OpMetrics.GROUP + ">") ? vars.get("<" + OpMetrics.GROUP + ">")
                    : group.getMetricIdentifier(name).endsWith("." + OpMetrics.INPUT_GROUP + "." + name) ? OpMetrics.INPUT_GROUP
                    : null;
            if (prefix == null) {
                return;
            }
            if (metric instanceof Counter c) {
                out.merge(prefix + "." + name, c.getCount(), Long::sum);
            } else if (metric instanceof Histogram h) {
                out.merge(prefix + "." + name + ".count", h.getCount(), Long::sum);
            }
        });
        return out;
    }

    private static List<String> identifiers(String jobName) {
        List<String> out = new ArrayList<>();
        forEachMetric(jobName, (group, name, metric) -> out.add(group.getMetricIdentifier(name)));
        return out;
    }

    private interface MetricVisitor {
        void visit(MetricGroup group, String name, Metric metric);
    }

    private static void forEachMetric(String jobName, MetricVisitor visitor) {
        for (Map.Entry<MetricGroup, Map<String, Metric>> g : REPORTER.getMetricsByGroup().entrySet()) {
            String job = g.getKey().getAllVariables().get("<job_name>");
            if (job == null || !job.endsWith(jobName)) {
                continue;
            }
            for (Map.Entry<String, Metric> m : g.getValue().entrySet()) {
                visitor.visit(g.getKey(), m.getKey(), m.getValue());
            }
        }
    }
}
