package io.djflink.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.recipe.OpConfig;
import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeLoader;
import io.djflink.run.LocalRunner;
import io.djflink.run.Origins;
import io.djflink.run.Plan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka in and out through a real broker: a bounded replay (stopping offsets) of a topic with
 * three partitions, planted duplicates and malformed values, written with exactly-once
 * transactions; the read_committed output equals an in-process run of the same records in
 * ingestion order, malformed values reach the dead-letter topic with topic, partition, offset
 * and raw bytes, and tracer records are keyed by tracer file.
 */
class KafkaJobTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    @RegisterExtension
    static final KafkaTestBroker kafka = new KafkaTestBroker();

    @TempDir
    Path tmp;

    @Test
    void aBoundedReplayEqualsTheInProcessRunAndLosesNothing() throws Exception {
        kafka.createTopic("replay-in", 3);
        List<Sample> corpus = TestData.samples(TestData.shared().resolve("data/prose.jsonl.gz")).subList(0, 600);
        List<KafkaTestBroker.Out> records = new ArrayList<>();
        // partition -> values in offset order, for the reference's ingestion order
        Map<Integer, List<byte[]>> byPartition = new TreeMap<>();
        long ts = System.currentTimeMillis() - 60_000; // within the broker's retention
        for (int i = 0; i < corpus.size(); i++) {
            int p = i % 3;
            byte[] v = corpus.get(i).toJson().getBytes(StandardCharsets.UTF_8);
            records.add(new KafkaTestBroker.Out(p, ts + i, v));
            byPartition.computeIfAbsent(p, k -> new ArrayList<>()).add(v);
            if (i % 50 == 7) {
                // the same sample again in another partition: a duplicate
                int q = (p + 1) % 3;
                records.add(new KafkaTestBroker.Out(q, ts + i, v));
                byPartition.computeIfAbsent(q, k -> new ArrayList<>()).add(v);
            }
        }
        byte[][] bad = {"{\"text\": truncated".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff, (byte) 0xfe, 'x'},
            "[1,2]".getBytes(StandardCharsets.UTF_8)};
        for (int i = 0; i < bad.length; i++) {
            records.add(new KafkaTestBroker.Out(i, ts + 1000 + i, bad[i]));
            byPartition.computeIfAbsent(i, k -> new ArrayList<>()).add(bad[i]);
        }
        kafka.produce("replay-in", records);

        String yaml = String.join("\n",
                "project_name: kafka-replay",
                "export_path: '" + tmp.resolve("unused.jsonl") + "'",
                "np: 2",
                "open_tracer: true",
                "trace_num: 5",
                "djflink:",
                "  source: kafka",
                "  sink: kafka",
                "  kafka:",
                "    bootstrap-servers: " + kafka.bootstrap(),
                "    topics: [replay-in]",
                "    group-id: replay-test",
                "    starting-offsets: earliest",
                "    stopping-offsets: latest",
                "    output-topic: replay-out",
                "    trace-topic: replay-trace",
                "    errors-topic: replay-errors",
                "    delivery: exactly-once",
                "process:",
                "  - whitespace_normalization_mapper:",
                "  - text_length_filter:",
                "      min_len: 1500",
                "  - document_deduplicator:",
                "");
        Recipe recipe = RecipeLoader.parse("kafka-replay.yaml", yaml);
        RecipeJob.Options opts = new RecipeJob.Options(Duration.ofMillis(500), 256L << 20, true, false);
        JobSpec spec = RecipeJob.prepare(recipe, opts);
        RecipeJob.Result result = RecipeJob.run(spec, opts, System.out);

        // Reference: the same records in ingestion order (partition code, then offset).
        List<Sample> ordered = new ArrayList<>();
        byPartition.entrySet().stream()
                .sorted(Comparator.comparingInt(e -> Origins.kafkaSource("replay-in", e.getKey())))
                .forEach(e -> e.getValue().forEach(v -> {
                    try {
                        ordered.add(Sample.parse(new String(v, StandardCharsets.UTF_8)));
                    } catch (RuntimeException malformed) {
                        // malformed values are not samples; the error topic is checked below
                    }
                }));
        List<OpConfig> ops = spec.ops();
        LocalRunner.Outcome expected = new LocalRunner(Plan.of(ops, OpRegistry.get()), OpRegistry.get()).run(ordered);

        List<String> got = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readCommitted("replay-out", Duration.ofSeconds(2))) {
            got.add(Sample.parse(new String(r.value(), StandardCharsets.UTF_8)).root().get("id").asText());
        }
        List<String> want = expected.kept().stream().map(x -> x.root().get("id").asText()).toList();
        assertThat(got).as("no sample lost or written twice").hasSameSizeAs(want).containsExactlyInAnyOrderElementsOf(want);
        assertThat(expected.duplicates()).as("planted duplicates").isNotEmpty();

        List<ConsumerRecord<byte[], byte[]>> errors = kafka.readCommitted("replay-errors", Duration.ofSeconds(1));
        assertThat(errors).hasSize(3);
        for (ConsumerRecord<byte[], byte[]> e : errors) {
            JsonNode n = Sample.JSON.readTree(e.value());
            assertThat(n.get("reason").asText()).isEqualTo("malformed");
            assertThat(n.get("topic").asText()).isEqualTo("replay-in");
            assertThat(n.has("partition") && n.has("offset") && n.has("error")).isTrue();
            assertThat(n.has("raw") || n.has("raw_base64")).isTrue();
        }
        assertThat(errors.stream().map(e -> e.value().length)).allMatch(len -> len > 0);
        assertThat(errors.stream().anyMatch(e -> new String(e.value(), StandardCharsets.UTF_8).contains("raw_base64")))
                .as("invalid UTF-8 keeps its bytes as base64").isTrue();

        List<ConsumerRecord<byte[], byte[]>> trace = kafka.readCommitted("replay-trace", Duration.ofSeconds(1));
        assertThat(trace).isNotEmpty();
        assertThat(trace.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).distinct())
                .contains("filter-text_length_filter", "duplicate-document_deduplicator");

        RunSummary s = result.summary();
        assertThat(s.read()).isEqualTo(records.size());
        assertThat(s.kept()).isEqualTo(want.size());
        assertThat(s.duplicates()).isEqualTo(expected.duplicates().size());
        assertThat(s.malformed()).isEqualTo(3);
        assertThat(s.balanced()).isTrue();
    }
}
