package io.djflink.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.recipe.RecipeLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming mode over fixed files without an event-time field: every sample is at time 0, so the
 * streaming dedup decides when the input ends, in (file, line) order, and keeps the same samples
 * as batch mode, whatever the readers' interleaving.
 */
class StreamingFilesTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    @TempDir
    Path tmp;

    @Test
    void withoutAnEventTimeFieldStreamingKeepsWhatBatchKeeps() throws Exception {
        Random rnd = new Random(3);
        Path in = Files.createDirectories(tmp.resolve("in"));
        int id = 0;
        for (int f = 0; f < 3; f++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 300; i++) {
                sb.append("{\"id\":\"d").append(id++).append("\",\"text\":\"text number ").append(rnd.nextInt(200)).append("\"}\n");
            }
            Files.writeString(in.resolve("part-" + f + ".jsonl"), sb.toString(), StandardCharsets.UTF_8);
        }
        assertThat(kept("batch", in)).isEqualTo(kept("streaming", in));
    }

    private List<String> kept(String mode, Path in) throws Exception {
        String yaml = String.join("\n",
                "project_name: " + mode,
                "dataset_path: '" + in + "'",
                "export_path: '" + tmp.resolve(mode + "/kept.jsonl") + "'",
                "np: 2",
                "djflink:",
                "  mode: " + mode,
                "process:",
                "  - document_deduplicator:",
                "");
        RecipeJob.Options opts = new RecipeJob.Options(Duration.ofMillis(500), 1L << 20, true, false);
        RecipeJob.Result r = RecipeJob.run(RecipeJob.prepare(RecipeLoader.parse(mode + ".yaml", yaml), opts), opts, System.out);
        assertThat(r.summary().balanced()).isTrue();
        assertThat(r.summary().duplicates()).isPositive();
        return TestData.samples(r.outputs().export()).stream().map(s -> s.root().get("id").asText()).sorted().toList();
    }
}
