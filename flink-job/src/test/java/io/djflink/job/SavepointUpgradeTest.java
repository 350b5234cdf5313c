package io.djflink.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.ops.Sample;
import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Savepoint upgrades of a streaming Kafka job: appending an op after the deduplicator keeps the
 * dedup state (copies of samples seen before the savepoint are still dropped, the source resumes
 * where it stopped); inserting an op before it is refused with the op and the way out, unless the
 * recipe says {@code dedup-state: reset}.
 */
class SavepointUpgradeTest {

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

    @BeforeAll
    static void topics() throws Exception {
        kafka.createTopic("up-in", 2);
        for (int i = 1; i <= 4; i++) {
            kafka.createTopic("up-out-" + i, 1);
        }
    }

    @Test
    void opsAfterTheDedupStageMayChangeOpsBeforeItMayNot() throws Exception {
        long t0 = System.currentTimeMillis() - 60_000;
        List<KafkaTestBroker.Out> first = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            first.add(KafkaTestBroker.Out.text(i % 2, t0 + i, doc("a" + i, "first batch sample number " + i)));
        }
        first.addAll(ticks(t0 + 10_000));
        kafka.produce("up-in", first);

        JobSpec spec1 = RecipeJob.prepare(recipe("up-out-1", ""), options());
        JobClient v1 = RecipeJob.submit(spec1);
        assertThat(awaitIds("up-out-1", 100)).hasSize(100);
        assertThat(JobBuilder.rocksDbLocalDir(spec1)).as("the run's RocksDB dir while it runs").isDirectory();
        String savepoint = v1.stopWithSavepoint(false, tmp.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                .get();
        // a job that ended, here stopped with a savepoint, leaves no RocksDB directory behind
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (Files.exists(JobBuilder.rocksDbLocalDir(spec1)) && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(JobBuilder.rocksDbLocalDir(spec1)).doesNotExist();

        // Copies of early samples and new ones, after the savepoint.
        List<KafkaTestBroker.Out> second = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            second.add(KafkaTestBroker.Out.text(i % 2, t0 + 20_000 + i, doc("copy" + i, "first batch sample number " + i)));
        }
        for (int i = 0; i < 20; i++) {
            second.add(KafkaTestBroker.Out.text(i % 2, t0 + 20_100 + i, doc("b" + i, "second batch sample number " + i)));
        }
        second.addAll(ticks(t0 + 40_000));
        kafka.produce("up-in", second);

        // An op appended after the deduplicator: the dedup state and the source offsets come back.
        String appended = "  - words_num_filter:\n      min_num: 1\n";
        JobClient v2 = RecipeJob.submit(RecipeJob.prepare(recipe("up-out-2", appended), options(savepoint)));
        try {
            List<String> ids = awaitIds("up-out-2", 20);
            Thread.sleep(1500); // a wrongly kept copy would show up within a checkpoint or two
            ids = awaitIds("up-out-2", 20);
            assertThat(ids).as("only the new samples: the copies were remembered across the upgrade")
                    .containsExactlyInAnyOrderElementsOf(List.of("b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9",
                            "b10", "b11", "b12", "b13", "b14", "b15", "b16", "b17", "b18", "b19"));
        } finally {
            v2.cancel().get();
        }

        // An op inserted before the deduplicator moves it: its state would be lost, so the job is refused.
        Recipe inserted = RecipeLoader.parse("v3.yaml", yaml("up-out-3", "").replace(
                "  - document_deduplicator:", "  - clean_email_mapper:\n  - document_deduplicator:"));
        RecipeJob.Options opts = options(savepoint);
        assertThatThrownBy(() -> RecipeJob.submit(RecipeJob.prepare(inserted, opts)).getJobExecutionResult().get(60, java.util.concurrent.TimeUnit.SECONDS))
                .hasStackTraceContaining("the dedup state of op 03-document_deduplicator is not in the savepoint")
                .hasStackTraceContaining("dedup-state=reset");

        // ... unless the recipe asks for a fresh dedup state.
        Recipe reset = RecipeLoader.parse("v4.yaml", yaml("up-out-4", "").replace(
                "  - document_deduplicator:", "  - clean_email_mapper:\n  - document_deduplicator:")
                .replace("djflink:\n", "djflink:\n  dedup-state: reset\n"));
        JobClient v4 = RecipeJob.submit(RecipeJob.prepare(reset, options(savepoint)));
        try {
            assertThat(awaitIds("up-out-4", 20)).as("a fresh dedup state keeps the copies too").hasSizeGreaterThanOrEqualTo(20);
        } finally {
            v4.cancel().get();
        }
    }

    private Recipe recipe(String out, String appended) {
        return RecipeLoader.parse(out + ".yaml", yaml(out, appended));
    }

    private String yaml(String out, String appended) {
        return String.join("\n",
                "project_name: upgrade",
                "export_path: '" + tmp.resolve("unused.jsonl") + "'",
                "np: 2",
                "djflink:",
                "  mode: streaming",
                "  source: kafka",
                "  sink: kafka",
                "  checkpoint.dir: '" + tmp.resolve("checkpoints").toUri() + "'",
                "  watermark.idle-timeout: 1s",
                "  kafka:",
                "    bootstrap-servers: " + kafka.bootstrap(),
                "    topics: [up-in]",
                "    group-id: upgrade",
                "    starting-offsets: earliest",
                "    output-topic: " + out,
                "process:",
                "  - whitespace_normalization_mapper:",
                "  - text_length_filter:",
                "      min_len: 5",
                "  - document_deduplicator:",
                appended);
    }

    private static RecipeJob.Options options() {
        return new RecipeJob.Options(Duration.ofMillis(300), 1L << 20, true, false);
    }

    private static RecipeJob.Options options(String savepoint) {
        return new RecipeJob.Options(Duration.ofMillis(300), 1L << 20, true, false, savepoint);
    }

    private static String doc(String id, String text) {
        return "{\"id\":\"" + id + "\",\"text\":\"" + text + "\"}";
    }

    /** Samples too short to pass the filter, late in event time on both partitions, so every earlier decision is released. */
    private static List<KafkaTestBroker.Out> ticks(long ts) {
        return List.of(KafkaTestBroker.Out.text(0, ts, doc("tick", "")), KafkaTestBroker.Out.text(1, ts, doc("tick", "")));
    }

    private static List<String> awaitIds(String topic, int n) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        List<String> ids = List.of();
        while (System.currentTimeMillis() < deadline) {
            List<ConsumerRecord<byte[], byte[]>> got = kafka.readCommitted(topic, Duration.ofMillis(500));
            ids = got.stream().map(r -> Sample.parse(new String(r.value(), StandardCharsets.UTF_8)).root().get("id").asText()).toList();
            if (ids.size() >= n) {
                break;
            }
        }
        return ids;
    }
}
