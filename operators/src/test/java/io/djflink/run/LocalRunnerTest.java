package io.djflink.run;

import static io.djflink.run.FusedChainTest.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.recipe.OpConfig;
import io.djflink.recipe.RecipeLoader;
import io.djflink.recipe.RecipeValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalRunnerTest {

    private static final OpRegistry REGISTRY = OpRegistry.get();

    private static List<Sample> samples(String... lines) {
        List<Sample> out = new ArrayList<>();
        for (String l : lines) {
            out.add(Sample.parse(l));
        }
        return out;
    }

    private static LocalRunner.Outcome run(String recipe, List<Sample> input) throws Exception {
        List<OpConfig> ops = RecipeValidator.validate(RecipeLoader.parse("r.yaml", recipe), REGISTRY, false);
        return new LocalRunner(Plan.of(ops, REGISTRY), REGISTRY).run(input);
    }

    @Test
    void countersBalancePerOpAndInTotal() throws Exception {
        List<Sample> input = samples(
                "{\"id\":1,\"text\":\"Today is Sunday\"}",
                "{\"id\":2,\"text\":\"no\"}",
                "{\"id\":3,\"text\":\" Today is Sunday \"}",
                "{\"id\":4,\"text\":7}",
                "{\"id\":5,\"text\":\"Another day\"}",
                "{\"id\":6,\"text\":\"Another day\"}",
                "{\"id\":7,\"text\":\"x\"}");

        LocalRunner.Outcome o = run(String.join("\n",
                "process:",
                "  - whitespace_normalization_mapper:",
                "  - text_length_filter:",
                "      min_len: 3",
                "  - document_deduplicator:",
                "  - text_length_filter:",
                "      max_len: 12",
                ""), input);

        assertThat(o.read()).isEqualTo(7);
        assertThat(o.kept()).extracting(s -> s.get("id").asInt()).containsExactly(5);
        assertThat(o.filtered()).extracting(f -> f.sample().get("id").asInt() + "@" + f.op().id())
                .containsExactly("1@03-text_length_filter", "2@01-text_length_filter", "7@01-text_length_filter");
        assertThat(o.duplicates()).extracting(d -> d.sample().get("id").asInt()).containsExactly(3, 6);
        assertThat(o.errors()).extracting(e -> e.sample().get("id").asInt()).containsExactly(4);
        assertThat(o.stats()).hasSize(4);
        o.stats().forEach((id, st) -> assertThat(st.balanced()).as(id + " " + st).isTrue());
        OpStats dedup = o.stats().get("02-document_deduplicator");
        assertThat(dedup.in).isEqualTo(4);
        assertThat(dedup.kept).isEqualTo(2);
        assertThat(dedup.duplicates).isEqualTo(2);
        assertThat(o.stats().get("00-whitespace_normalization_mapper").in).isEqualTo(7);
        assertThat(o.stats().get("03-text_length_filter").in).isEqualTo(2);
    }

    @Test
    void firstDuplicateSurvivesAndLaterOnesPointAtIt() throws Exception {
        List<Sample> input = samples(
                "{\"id\":0,\"text\":\"b\"}",
                "{\"id\":1,\"text\":\"a\"}",
                "{\"id\":2,\"text\":\"b\"}",
                "{\"id\":3,\"text\":\"a\"}",
                "{\"id\":4,\"text\":\"b\"}");

        LocalRunner.Outcome o = run("process:\n  - document_deduplicator:\n", input);

        assertThat(o.kept()).extracting(s -> s.get("id").asInt()).containsExactly(0, 1);
        assertThat(o.duplicates()).extracting(LocalRunner.Duplicate::firstIndex).containsExactly(0L, 1L, 0L);
        assertThat(o.duplicates()).extracting(d -> d.op().name()).containsOnly("document_deduplicator");
    }

    @Test
    void twoDeduplicatorsKeepSeparateSeenSets() throws Exception {
        List<Sample> input = samples(
                "{\"text\":\"Hello\"}",
                "{\"text\":\"hello\"}",
                "{\"text\":\"Hello\"}");

        LocalRunner.Outcome o = run(String.join("\n",
                "process:",
                "  - document_deduplicator:",
                "  - document_deduplicator:",
                "      lowercase: true",
                ""), input);

        assertThat(o.kept()).extracting(s -> s.text("text")).containsExactly("Hello");
        assertThat(o.duplicates()).extracting(d -> d.op().id())
                .containsExactly("01-document_deduplicator", "00-document_deduplicator");
    }

    @Test
    void opErrorGoesToErrorsWhenSkipOpErrorIsTrue() throws Exception {
        LocalRunner.Outcome o = run("process:\n  - text_length_filter:\n      min_len: 1\n",
                samples("{\"text\":null}", "{\"text\":\"ok\"}"));

        assertThat(o.errors()).singleElement().satisfies(f -> {
            assertThat(f.op().name()).isEqualTo("text_length_filter");
            assertThat(f.error()).hasMessageContaining("no text field 'text'");
        });
        assertThat(o.kept()).hasSize(1);
    }

    @Test
    void opErrorFailsTheRunWhenSkipOpErrorIsFalse() {
        assertThatThrownBy(() -> run("skip_op_error: false\nprocess:\n  - text_length_filter:\n",
                        samples("{\"text\":\"fine text\"}", "{\"text\":false}")))
                .isInstanceOf(OpFailure.class)
                .hasMessageContaining("00-text_length_filter");
    }

    @Test
    void emptyPlanKeepsEverySampleUntouched() throws Exception {
        List<Sample> input = samples("{\"b\":1,\"text\":\"x\",\"a\":2}");

        LocalRunner.Outcome o = new LocalRunner(Plan.of(List.of(), REGISTRY), REGISTRY).run(input);

        assertThat(o.kept()).extracting(Sample::toJson).containsExactly("{\"b\":1,\"text\":\"x\",\"a\":2}");
    }

    @Test
    void planEndsEachSegmentAtADeduplicator() {
        List<OpConfig> ops = List.of(
                new OpConfig("whitespace_normalization_mapper", Map.of(), 0, 0, null),
                new OpConfig("document_deduplicator", Map.of(), 1, 0, null),
                new OpConfig("text_length_filter", Map.of(), 2, 0, null));

        Plan p = Plan.of(ops, REGISTRY);

        assertThat(p.segments()).hasSize(2);
        assertThat(p.describe()).isEqualTo(
                "fused[whitespace_normalization_mapper] -> keyed(document_deduplicator) -> fused[text_length_filter]");
    }

    @Test
    void planOfAValidatedRecipeSurvivesJavaSerialization() throws Exception {
        // Flink ships the plan to its tasks with Java serialization.
        List<OpConfig> ops = RecipeValidator.validate(RecipeLoader.parse("r.yaml", String.join("\n",
                "text_keys: [content]",
                "process:",
                "  - text_length_filter:",
                "      min_len: 3",
                "      mem_required: {gb: 1}",
                "      index_key: idx",
                "  - document_deduplicator:",
                "")), REGISTRY, false);
        Plan plan = Plan.of(ops, REGISTRY);

        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(plan);
        }
        Plan back;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            back = (Plan) in.readObject();
        }

        assertThat(back.ops()).isEqualTo(plan.ops());
        assertThat(back.describe()).isEqualTo(plan.describe());
    }

    @Test
    void helperOpsAreUsable() {
        assertThat(op("text_length_filter").name()).isEqualTo("text_length_filter");
    }

    @Test
    void nearDedupKeepsTheFirstOfEachLinkedGroupAndPointsDuplicatesAtIt() throws Exception {
        String base = "the quick brown fox jumps over the lazy dog near the river bank today";
        List<Sample> input = samples(
                "{\"id\":0,\"text\":\"" + base + "\"}",
                "{\"id\":1,\"text\":\"something else entirely with enough words to shingle here\"}",
                "{\"id\":2,\"text\":\"" + base + " \"}",
                "{\"id\":3,\"text\":\"too short\"}",
                "{\"id\":4,\"text\":\"" + base.toUpperCase() + "\"}");

        LocalRunner.Outcome o = run("process:\n  - document_minhash_deduplicator:\n", input);

        assertThat(o.kept()).extracting(s -> s.get("id").asInt()).containsExactly(0, 1);
        assertThat(o.duplicates()).extracting(LocalRunner.Duplicate::firstIndex).containsExactly(0L, 0L);
        assertThat(o.errors()).extracting(e -> e.sample().get("id").asInt()).containsExactly(3);
        OpStats st = o.stats().get("00-document_minhash_deduplicator");
        assertThat(st.balanced()).as(st.toString()).isTrue();
    }

    @Test
    void planMarksNearDedupSegments() {
        List<OpConfig> ops = List.of(
                new OpConfig("document_simhash_deduplicator", Map.of(), 0, 0, null),
                new OpConfig("document_deduplicator", Map.of(), 1, 0, null));

        Plan p = Plan.of(ops, REGISTRY);

        assertThat(p.segments()).extracting(Plan.Segment::near).containsExactly(true, false, false);
        assertThat(p.describe()).isEqualTo(
                "fused[] -> near(document_simhash_deduplicator) -> fused[] -> keyed(document_deduplicator) -> fused[]");
    }
}
