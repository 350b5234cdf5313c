package io.djflink.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kafka-demo} end to end: a real broker in a child JVM (the jars the build copies to
 * kafka-broker/target/lib), the demo recipe on the stream, and kept, filtered, duplicate and
 * malformed samples coming out of their topics within a short run.
 */
class KafkaDemoCommandTest {

    @TempDir
    Path tmp;

    @Test
    void theDemoStreamsCleansAndShowsEveryOutcome() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int status;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            status = Main.execute("kafka-demo", "--seconds", "20", "--rate", "50", "--web-ui-port", "0",
                    "--work-dir", tmp.toString());
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(status).as(out).isZero();
        assertThat(out).contains("kafka-demo: broker at 127.0.0.1:")
                .containsPattern("(?m)^kept ")
                .containsPattern("(?m)^filter-")
                .containsPattern("(?m)^duplicate-document_deduplicator ")
                .containsPattern("(?m)^error ");
    }
}
