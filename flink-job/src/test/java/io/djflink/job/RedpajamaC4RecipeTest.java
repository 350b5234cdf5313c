package io.djflink.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.recipe.OpConfig;
import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeException;
import io.djflink.recipe.RecipeLoader;
import io.djflink.recipe.RecipeValidator;
import io.djflink.run.LocalRunner;
import io.djflink.run.Plan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data-Juicer's redpajama-c4-refine recipe, reduced to the ops djflink can run, on the prose
 * corpus through the MiniCluster at parallelism 2: the kept set equals the in-process reference
 * run of the same ops, and every sample read is accounted for.
 */
class RedpajamaC4RecipeTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    @TempDir
    Path tmp;

    @Test
    void keptSetEqualsTheInProcessRunAndCountsBalance() throws Exception {
        Path corpus = TestData.shared().resolve("data/prose.jsonl.gz");
        Recipe recipe = reduce(RecipeLoader.load(TestData.shared().resolve("dj/recipes/redpajama-c4-refine.yaml")))
                .with("dataset_path", corpus.toString())
                .with("export_path", tmp.resolve("out/c4.jsonl").toString())
                .with("np", 2L);
        RecipeJob.Options opts = new RecipeJob.Options(Duration.ofSeconds(2), 256L << 20, true, false);
        JobSpec spec = RecipeJob.prepare(recipe, opts);
        assertThat(spec.plan().segments()).as("the reduced recipe still has a keyed dedup stage").hasSizeGreaterThan(1);
        assertThat(spec.ops()).extracting(OpConfig::name).contains("document_simhash_deduplicator");

        RecipeJob.Result result = RecipeJob.run(spec, opts, System.out);

        List<Sample> input = TestData.samples(corpus);
        LocalRunner.Outcome reference = new LocalRunner(Plan.of(spec.ops(), OpRegistry.get()), OpRegistry.get()).run(input);
        Set<String> expected = ids(reference.kept());
        Set<String> got = ids(TestData.samples(result.outputs().export()));

        assertThat(got).hasSize(expected.size()).isEqualTo(expected);
        RunSummary s = result.summary();
        assertThat(s.read()).isEqualTo(input.size());
        assertThat(s.balanced()).isTrue();
        assertThat(s.kept()).isEqualTo(reference.kept().size());
        assertThat(s.filtered()).isEqualTo(reference.filtered().size());
        assertThat(s.duplicates()).isEqualTo(reference.duplicates().size());
        assertThat(s.errors()).isEqualTo(reference.errors().size());
        for (OpConfig op : spec.ops()) {
            assertThat(s.op(op.id()).in).as(op.id()).isEqualTo(reference.stats().get(op.id()).in);
            assertThat(s.op(op.id()).kept).as(op.id()).isEqualTo(reference.stats().get(op.id()).kept);
        }
        // open_tracer is on in this recipe: the tracer wrote Data-Juicer's files.
        assertThat(result.outputs().traceDir().resolve("duplicate-document_simhash_deduplicator.jsonl")).exists();
    }

    @Test
    void jobRunsWithGenericTypesDisabledCheckpointsAndObjectReuse() {
        JobSpec spec = RecipeJob.prepare(
                RecipeLoader.parse("t.yaml", "dataset_path: '" + TestData.shared().resolve("data/dj.jsonl.gz")
                        + "'\nexport_path: '" + tmp.resolve("o.jsonl") + "'\nprocess:\n  - document_deduplicator:\n"),
                RecipeJob.Options.defaults());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(JobBuilder.configuration(spec));
        assertThat(env.getConfig().getSerializerConfig().hasGenericTypesDisabled()).isTrue();
        assertThat(env.getConfig().isObjectReuseEnabled()).isTrue();
        assertThat(env.getCheckpointConfig().isCheckpointingEnabled()).isTrue();
        assertThat(JobBuilder.configuration(spec).get(PipelineOptions.GENERIC_TYPES)).isFalse();
    }

    /**
     * Keeps the ops that validate on their own (registered, no model needed): the recipe's model
     * ops and sentencepiece-tokenized filters drop out, its SimHash deduplicator stays.
     */
    static Recipe reduce(Recipe recipe) {
        List<OpConfig> kept = new ArrayList<>();
        for (OpConfig op : recipe.process()) {
            try {
                RecipeValidator.validate(recipe.withProcess(List.of(op)), OpRegistry.get(), false);
                kept.add(op);
            } catch (RecipeException e) {
                // not runnable here: unregistered, or needs a model
            }
        }
        return recipe.withProcess(kept);
    }

    private static Set<String> ids(List<Sample> samples) {
        Set<String> out = new TreeSet<>();
        for (Sample s : samples) {
            out.add(s.root().get("id").asText());
        }
        return out;
    }
}
