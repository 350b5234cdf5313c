package io.djflink.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code bench-kafka} at toy sizes, so the command cannot rot: a real broker (the jars the build
 * copies to kafka-broker/target/lib), the three replay modes and both latency runs.
 */
class BenchKafkaCommandTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void measuresTheThreeReplayModesAndTheLatencyOfBothDeliveries() {
        Path data = Path.of(System.getProperty("djflink.shared", "../shared"), "data");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.execute("bench-kafka", "--data", data.toString(), "--samples", "120", "--warmup-samples", "0", "--repeat", "1",
                    "--checkpoint-interval", "1s", "--rate", "20", "--seconds", "2", "--warmup-seconds", "0", "--markdown");
        } finally {
            System.setOut(old);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        assertThat(code).isZero();
        assertThat(out).contains("no checkpoints, delivery none", "at-least-once, checkpoints every 1s", "exactly-once, checkpoints every 1s");
        assertThat(out).contains("p99").containsPattern("(?m)^at-least-once +40 ").containsPattern("(?m)^exactly-once +40 ");
        assertThat(out).contains("| mode | seconds (fastest) | records/s |", "| delivery | sent | received | p50 ms | p99 ms | max ms |");
    }
}
