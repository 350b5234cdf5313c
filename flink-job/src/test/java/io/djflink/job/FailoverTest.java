package io.djflink.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.recipe.OpConfig;
import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeLoader;
import io.djflink.run.LocalRunner;
import io.djflink.run.Plan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded run that loses a task mid-stream restores from its last checkpoint (file positions,
 * RocksDB dedup state, counters) and still writes every kept sample exactly once, with a summary
 * that counts every sample read exactly once.
 */
class FailoverTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    @TempDir
    Path tmp;

    @Test
    void aTaskFailureMidStreamChangesNothingInTheOutputsOrTheCounts() throws Exception {
        Path prose = TestData.shared().resolve("data/licenses.jsonl.gz");
        Path dj = TestData.shared().resolve("data/dj.jsonl.gz");
        String yaml = String.join("\n",
                "project_name: failover",
                "dataset_path: '" + prose + " " + dj + "'",
                "export_path: '" + tmp.resolve("out/kept.jsonl") + "'",
                "np: 2",
                "process:",
                "  - whitespace_normalization_mapper:",
                "  - fail_once_mapper:",
                "      after: 700",
                "  - text_length_filter:",
                "      min_len: 200",
                "  - document_deduplicator:",
                "");
        Recipe recipe = RecipeLoader.parse("failover.yaml", yaml);
        RecipeJob.Options opts = new RecipeJob.Options(Duration.ofMillis(200), 256L << 20, false, false);
        JobSpec spec = RecipeJob.prepare(recipe, opts);

        FailOnceMapper.SEEN.set(0);
        FailOnceMapper.FAILURES_LEFT.set(1);
        RecipeJob.Result result = RecipeJob.run(spec, opts, System.out);
        assertThat(FailOnceMapper.FAILURES_LEFT.get()).as("the failure was injected").isZero();

        List<Sample> input = new ArrayList<>(TestData.samples(prose));
        input.addAll(TestData.samples(dj));
        List<OpConfig> reference = spec.ops().stream().filter(o -> !o.name().equals("fail_once_mapper")).toList();
        LocalRunner.Outcome expected = new LocalRunner(Plan.of(reference, OpRegistry.get()), OpRegistry.get()).run(input);

        List<String> got = new ArrayList<>();
        for (Sample s : TestData.samples(result.outputs().export())) {
            got.add(s.root().get("id").asText());
        }
        List<String> want = expected.kept().stream().map(s -> s.root().get("id").asText()).toList();
        assertThat(got).as("no sample lost or written twice").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(want);

        RunSummary s = result.summary();
        assertThat(s.read()).isEqualTo(input.size());
        assertThat(s.kept()).isEqualTo(want.size());
        assertThat(s.duplicates()).isEqualTo(expected.duplicates().size());
        assertThat(s.filtered()).isEqualTo(expected.filtered().size());
        assertThat(s.balanced()).isTrue();
    }
}
