package io.djflink.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code source: files-continuous}: files that land in the dataset directory while the job runs
 * are cleaned and committed (part files in the export directory, on checkpoints); a bad line in a
 * new file reaches the error output with that file's path.
 */
class MonitoredFilesTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    /** Deleted after each test by {@link MiniClusters#deleteAfterCancel}, not by JUnit. */
    @TempDir(cleanup = CleanupMode.NEVER)
    Path tmp;

    @AfterEach
    void deleteTmp() throws java.io.IOException {
        MiniClusters.deleteAfterCancel(tmp);
    }

    @Test
    void filesLandingInTheDirectoryAreCleanedAsTheyArrive() throws Exception {
        Path landing = Files.createDirectories(tmp.resolve("landing"));
        Path export = tmp.resolve("out/clean");
        String yaml = String.join("\n",
                "project_name: landing",
                "dataset_path: '" + landing + "'",
                "export_path: '" + export + "'",
                "work_dir: '" + tmp.resolve("out") + "'",
                "np: 2",
                "djflink:",
                "  source: files-continuous",
                "  files.monitor-interval: 200ms",
                "process:",
                "  - whitespace_normalization_mapper:",
                "  - text_length_filter:",
                "      min_len: 10",
                "");
        Recipe recipe = RecipeLoader.parse("landing.yaml", yaml);
        RecipeJob.Options opts = new RecipeJob.Options(Duration.ofMillis(300), 1L << 20, true, false);
        JobSpec spec = RecipeJob.prepare(recipe, opts);
        assertThat(spec.streaming()).as("an unbounded source runs in streaming mode").isTrue();
        JobClient job = RecipeJob.submit(spec);
        try {
            write(landing.resolve("a.jsonl"), "{\"id\":\"a1\",\"text\":\"  first file, first sample  \"}",
                    "{\"id\":\"a2\",\"text\":\"short\"}");
            awaitLines(export, 1);
            write(landing.resolve("b.jsonl"), "{\"id\":\"b1\",\"text\":\"second file arrives later\"}",
                    "{\"id\":\"b2\", broken", "{\"id\":\"b3\",\"text\":\"and one more good sample\"}");
            List<String> kept = awaitLines(export, 3);
            assertThat(kept).hasSize(3);
            assertThat(String.join("\n", kept)).contains("\"a1\"", "\"first file, first sample\"", "\"b1\"", "\"b3\"")
                    .doesNotContain("\"a2\"");
            List<String> errors = awaitLines(tmp.resolve("out/errors"), 1);
            assertThat(errors).singleElement().asString().contains("\"reason\":\"malformed\"", "b.jsonl", "\"line\":2");
        } finally {
            job.cancel().get();
        }
    }

    private static void write(Path file, String... lines) throws IOException {
        // Written beside, then moved in: the monitor must never see a half-written file.
        Path part = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(part, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Files.move(part, file);
    }

    /** The committed lines under {@code dir} once there are at least {@code n} (in-progress parts are hidden files). */
    private static List<String> awaitLines(Path dir, int n) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        List<String> lines = List.of();
        while (System.currentTimeMillis() < deadline) {
            lines = new ArrayList<>();
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    for (Path p : s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith("part")).toList()) {
                        lines.addAll(Files.readAllLines(p, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList());
                    }
                }
            }
            if (lines.size() >= n) {
                return lines;
            }
            Thread.sleep(200);
        }
        return lines;
    }
}
