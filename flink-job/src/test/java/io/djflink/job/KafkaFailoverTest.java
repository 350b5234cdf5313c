package io.djflink.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.ops.Sample;
import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unbounded Kafka -> recipe -> Kafka job in streaming mode, exactly-once, with three task
 * failures injected at different points: the committed output (read_committed) equals that of a
 * failure-free run of the same input, sample for sample, and a copy of an early sample that
 * arrives after the failures is still dropped, so the dedup state came back with the restores.
 */
class KafkaFailoverTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    @RegisterExtension
    static final KafkaTestBroker kafka = new KafkaTestBroker();

    /** Deleted after each test by {@link MiniClusters#deleteAfterCancel}, not by JUnit. */
    @TempDir(cleanup = CleanupMode.NEVER)
    Path tmp;

    @AfterEach
    void deleteTmp() throws java.io.IOException {
        MiniClusters.deleteAfterCancel(tmp);
    }

    @Test
    void threeFailuresChangeNothingInTheCommittedOutput() throws Exception {
        // Samples that fit Kafka's default 1 MB record limit.
        List<Sample> corpus = TestData.samples(TestData.shared().resolve("data/licenses.jsonl.gz")).stream()
                .filter(x -> x.text("text").length() < 200_000).toList();
        Random rnd = new Random(7);
        // Recent timestamps: the broker deletes records older than its 7-day retention.
        long t0 = System.currentTimeMillis() - 60_000;
        List<KafkaTestBroker.Out> early = new ArrayList<>();
        List<KafkaTestBroker.Out> late = new ArrayList<>();
        List<String> unique = new ArrayList<>();
        int n = 1200;
        for (int i = 0; i < n; i++) {
            Sample s = corpus.get(i % corpus.size()).copy();
            s.root().put("id", "doc-" + i);
            s.root().put("text", s.text("text") + "\n#" + i);
            byte[] v = s.toJson().getBytes(StandardCharsets.UTF_8);
            (i < 1000 ? early : late).add(new KafkaTestBroker.Out(rnd.nextInt(2), t0 + i * 10L, v));
            unique.add("doc-" + i);
            if (i % 97 == 5) {
                // an exact copy a little later in event time, on any partition
                (i < 1000 ? early : late).add(new KafkaTestBroker.Out(rnd.nextInt(2), t0 + i * 10L + 3, v));
            }
        }
        // Copies of early samples that arrive only after the failures: dedup state must remember them.
        for (int i = 0; i < 20; i++) {
            KafkaTestBroker.Out first = early.get(i * 7);
            late.add(new KafkaTestBroker.Out(rnd.nextInt(2), t0 + n * 10L + i, first.value()));
        }
        // Event time moves past the last sample on both partitions, so every decision is released.
        for (int p = 0; p < 2; p++) {
            late.add(KafkaTestBroker.Out.text(p, t0 + n * 10L + 60_000, "{\"id\":\"tick-" + p + "\",\"text\":\"\"}"));
        }

        List<String> clean = runOnce("clean", early, late, 0);
        List<String> failing = runOnce("failing", early, late, 3);

        assertThat(ids(clean)).as("the failure-free run keeps every unique sample once")
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(unique);
        assertThat(failing).as("with three failures: the same committed output, sample for sample")
                .hasSameSizeAs(clean).containsExactlyInAnyOrderElementsOf(clean);
    }

    private List<String> runOnce(String name, List<KafkaTestBroker.Out> early, List<KafkaTestBroker.Out> late,
            int failures) throws Exception {
        kafka.createTopic(name + "-in", 2);
        kafka.createTopic(name + "-out", 2);
        kafka.produce(name + "-in", early);
        String yaml = String.join("\n",
                "project_name: " + name,
                "export_path: '" + tmp.resolve(name + "/unused.jsonl") + "'",
                "np: 2",
                "djflink:",
                "  mode: streaming",
                "  source: kafka",
                "  sink: kafka",
                "  checkpoint.dir: '" + tmp.resolve(name + "/checkpoints").toUri() + "'",
                "  watermark.idle-timeout: 1s",
                "  flink.restart-strategy.exponential-delay.initial-backoff: 200ms",
                "  flink.restart-strategy.exponential-delay.max-backoff: 1s",
                "  kafka:",
                "    bootstrap-servers: " + kafka.bootstrap(),
                "    topics: [" + name + "-in]",
                "    group-id: " + name,
                "    starting-offsets: earliest",
                "    output-topic: " + name + "-out",
                "    delivery: exactly-once",
                "process:",
                "  - whitespace_normalization_mapper:",
                "  - fail_once_mapper:",
                "      after: 350",
                "  - text_length_filter:",
                "      min_len: 5",
                "  - document_deduplicator:",
                "");
        Recipe recipe = RecipeLoader.parse(name + ".yaml", yaml);
        RecipeJob.Options opts = new RecipeJob.Options(Duration.ofMillis(300), 256L << 20, false, false);
        JobSpec spec = RecipeJob.prepare(recipe, opts);
        FailOnceMapper.SEEN.set(0);
        FailOnceMapper.FAILURES_LEFT.set(failures);
        JobClient job = RecipeJob.submit(spec);
        try {
            long deadline = System.currentTimeMillis() + 120_000;
            while (FailOnceMapper.FAILURES_LEFT.get() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(FailOnceMapper.FAILURES_LEFT.get()).as("all failures injected").isZero();
            kafka.produce(name + "-in", late);
            List<String> out = new ArrayList<>();
            int expected = 1200;
            while (System.currentTimeMillis() < deadline) {
                out = values(kafka.readCommitted(name + "-out", Duration.ofSeconds(1)));
                if (out.size() >= expected) {
                    break;
                }
            }
            // anything still to come (a wrongly kept late copy) has a checkpoint's time to show up
            Thread.sleep(1500);
            return values(kafka.readCommitted(name + "-out", Duration.ofSeconds(1)));
        } finally {
            job.cancel().get();
        }
    }

    private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    private static List<String> ids(List<String> values) {
        return values.stream().map(v -> Sample.parse(v).root().get("id").asText()).toList();
    }
}
