package io.djflink.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeLoader;
import io.djflink.run.LocalRunner;
import io.djflink.run.Plan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Data-Juicer's MinHash and SimHash deduplicators on the near-duplicate dev set through the keyed
 * Flink stage: the kept set equals the in-process run with Data-Juicer's batch semantics.
 */
class NearDupDevTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} np={1}")
    @CsvSource({"document_minhash_deduplicator,2", "document_minhash_deduplicator,1", "document_simhash_deduplicator,2"})
    void keptSetEqualsTheInProcessRun(String op, int np) throws Exception {
        Path docs = TestData.shared().resolve("data/neardup-dev/docs.jsonl.gz");
        Recipe recipe = RecipeLoader.parse("neardup.yaml", String.join("\n",
                "project_name: neardup-dev",
                "dataset_path: '" + docs + "'",
                "export_path: '" + tmp.resolve("out/kept.jsonl") + "'",
                "np: " + np,
                "open_tracer: true",
                "process:",
                "  - " + op + ":",
                ""));
        RecipeJob.Options opts = new RecipeJob.Options(Duration.ofSeconds(1), 256L << 20, true, false);
        JobSpec spec = RecipeJob.prepare(recipe, opts);
        RecipeJob.Result r = RecipeJob.run(spec, opts, System.out);

        List<Sample> input = TestData.samples(docs);
        LocalRunner.Outcome ref = new LocalRunner(Plan.of(spec.ops(), OpRegistry.get()), OpRegistry.get()).run(input);
        assertThat(ids(TestData.samples(r.outputs().export()))).isEqualTo(ids(ref.kept()));
        assertThat(ref.duplicates()).isNotEmpty();
        assertThat(r.summary().duplicates()).isEqualTo(ref.duplicates().size());
        assertThat(r.summary().errors()).isEqualTo(ref.errors().size());
        assertThat(r.summary().balanced()).isTrue();
        List<String> pairs = TestData.lines(r.outputs().traceDir().resolve("duplicate-" + op + ".jsonl"));
        assertThat(pairs).isNotEmpty();
        for (String line : pairs) {
            com.fasterxml.jackson.databind.JsonNode pair = Sample.JSON.readTree(line);
            assertThat(pair.get("dup1").get("id").asText()).as(line).isNotEmpty();
            assertThat(pair.get("dup2").get("id").asText()).as(line).isNotEmpty();
            assertThat(pair.get("similarity").asDouble()).as(line).isBetween(0.0, 1.0);
        }
    }

    private static Set<String> ids(List<Sample> samples) {
        List<String> out = new ArrayList<>();
        for (Sample s : samples) {
            out.add(s.root().get("id").asText());
        }
        assertThat(out).doesNotHaveDuplicates();
        return new TreeSet<>(out);
    }
}
