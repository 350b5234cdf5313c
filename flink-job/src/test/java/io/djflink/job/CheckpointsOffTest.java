package io.djflink.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.ops.Sample;
import io.djflink.recipe.RecipeLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code checkpoint.interval: off}: the job never checkpoints, yet a bounded run still commits its
 * export and error files when the input ends, dedup included.
 */
class CheckpointsOffTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    @TempDir
    Path tmp;

    private String recipe(Path input, String extra) {
        return String.join("\n",
                "project_name: no-checkpoints",
                "dataset_path: '" + input + "'",
                "export_path: '" + tmp.resolve("out/off.jsonl") + "'",
                "np: 2",
                "djflink:",
                "  checkpoint.interval: off",
                extra,
                "process:",
                "  - text_length_filter:",
                "      min_len: 5",
                "  - document_deduplicator:",
                "");
    }

    @Test
    void aBoundedRunWithoutCheckpointsCommitsItsOutputs() throws Exception {
        Path input = tmp.resolve("in.jsonl");
        Files.writeString(input, String.join("\n",
                "{\"id\": \"a\", \"text\": \"the first sample\"}",
                "{\"id\": \"b\", \"text\": \"tiny\"}",
                "{\"id\": \"c\", \"text\": \"the first sample\"}",
                "{\"id\": \"d\", \"text\": broken",
                "{\"id\": \"e\", \"text\": \"another sample\"}",
                ""));
        RecipeJob.Options opts = new RecipeJob.Options(null, 1 << 20, true, false);
        JobSpec spec = RecipeJob.prepare(RecipeLoader.parse("off.yaml", recipe(input, "")), opts);
        assertThat(spec.checkpointing()).isFalse();
        Configuration conf = JobBuilder.configuration(spec);
        assertThat(conf.getOptional(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isEmpty();
        assertThat(conf.getOptional(CheckpointingOptions.CHECKPOINTING_INTERVAL_DURING_BACKLOG)).isEmpty();

        RecipeJob.Result result = RecipeJob.run(spec, opts, System.out);

        List<String> ids = TestData.samples(result.outputs().export()).stream().map(s -> s.root().get("id").asText()).sorted().toList();
        assertThat(ids).containsExactly("a", "e");
        List<String> errors = TestData.lines(result.outputs().errors());
        assertThat(errors).hasSize(1);
        assertThat(Sample.JSON.readTree(errors.get(0)).get("line").asLong()).isEqualTo(4);
        assertThat(result.summary().balanced()).isTrue();
        assertThat(result.summary().duplicates()).isEqualTo(1);
    }

    @Test
    void aZeroIntervalFromTheCommandLineIsRefusedForAnUnboundedJob() throws Exception {
        Path input = Files.writeString(tmp.resolve("in.jsonl"), "{\"id\": \"a\", \"text\": \"a sample\"}\n");
        String yaml = recipe(input, "  source: files-continuous").replace("  checkpoint.interval: off\n", "");
        RecipeJob.Options opts = new RecipeJob.Options(Duration.ZERO, 1 << 20, true, false);
        assertThatThrownBy(() -> RecipeJob.prepare(RecipeLoader.parse("off.yaml", yaml), opts))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unbounded source");
    }
}
