package io.djflink.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.Params;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipeValidatorTest {

    private static final OpRegistry REGISTRY = OpRegistry.get();

    private static List<OpConfig> validate(String yaml) {
        return RecipeValidator.validate(RecipeLoader.parse("r.yaml", yaml), REGISTRY, false);
    }

    private static RecipeException failure(String yaml) {
        try {
            RecipeValidator.parseAndValidate("r.yaml", yaml, REGISTRY, true);
        } catch (RecipeException e) {
            return e;
        }
        throw new AssertionError("expected a RecipeException for:\n" + yaml);
    }

    @Test
    void everyProblemIsReportedOnceWithItsLineOpAndChoices() {
        RecipeException e = failure(String.join("\n",
                "project_name: all-problems",                   // 1
                "dataset_path: /nonexistent/djflink/data.jsonl", // 2 missing dataset
                "export_pth: out.jsonl",                         // 3 unknown global key
                "op_list_to_trace: [text_length_filtr]",         // 4 bad trace entry
                "process:",                                      // 5
                "  - text_lenght_filter:",                       // 6 unknown op
                "      min_len: 5",                              // 7
                "  - text_length_filter:",                       // 8
                "      min_lenn: 5",                             // 9 misspelled parameter
                "      max_len: many",                           // 10 mistyped value
                "  - document_deduplicator:",                    // 11
                "      lowercase: 1",                            // 12 mistyped value
                "  - whitespace_normalization_mapper:",          // 13
                "      batch_size: 0",                           // 14 out of range
                ""));

        List<String> p = e.problems();
        assertThat(p).hasSize(8);
        assertThat(p.get(0)).startsWith("r.yaml:2: dataset_path '/nonexistent/djflink/data.jsonl' does not exist");
        assertThat(p.get(1)).startsWith("r.yaml:3: unknown global key 'export_pth' (did you mean 'export_path'?)");
        assertThat(p.get(2)).isEqualTo("r.yaml:4: op_list_to_trace names 'text_length_filtr', which is not in the"
                + " process list (did you mean 'text_length_filter'?)");
        assertThat(p.get(3)).startsWith("r.yaml:6: unknown op 'text_lenght_filter' (did you mean 'text_length_filter'?);"
                + " registered ops: ").contains("document_deduplicator");
        assertThat(p.get(4)).startsWith("r.yaml:9: op 'text_length_filter': unknown parameter 'min_lenn' of op"
                + " text_length_filter (did you mean 'min_len'?); valid parameters: min_len, max_len, (common: ");
        assertThat(p.get(5)).isEqualTo("r.yaml:10: op 'text_length_filter': parameter 'max_len' of op"
                + " text_length_filter must be an integer, got string 'many'");
        assertThat(p.get(6)).isEqualTo("r.yaml:12: op 'document_deduplicator': parameter 'lowercase' of op"
                + " document_deduplicator must be true or false, got number 1");
        assertThat(p.get(7)).isEqualTo("r.yaml:14: op 'whitespace_normalization_mapper': parameter 'batch_size' of op"
                + " whitespace_normalization_mapper is 0, out of range [1, inf]");
        assertThat(e.getMessage()).startsWith("recipe r.yaml is invalid (8 problems):\n  r.yaml:2: ");
    }

    @Test
    void validateAloneReportsEveryOpProblem() {
        Recipe r = RecipeLoader.parse("r.yaml", String.join("\n",
                "process:",
                "  - nope_filter:",
                "  - text_length_filter:",
                "      min_len: -x",
                ""));

        assertThatThrownBy(() -> RecipeValidator.validate(r, REGISTRY, false))
                .isInstanceOfSatisfying(RecipeException.class, e -> assertThat(e.problems())
                        .hasSize(2)
                        .satisfiesExactly(
                                a -> assertThat(a).startsWith("r.yaml:2: unknown op 'nope_filter'"),
                                b -> assertThat(b).startsWith("r.yaml:4: op 'text_length_filter': parameter 'min_len'")));
    }

    @Test
    void parameterNotWrittenInTheRecipeIsReportedAtTheOpLine() {
        RecipeException e = failure("text_keys: [content]\nskip_op_error: true\nprocess:\n  - text_length_filter:\n");

        // dataset_path missing: line 0, reported without a line
        assertThat(e.problems()).containsExactly(
                "r.yaml: dataset_path is missing: name a .jsonl/.jsonl.gz file or a directory of them");
    }

    @Test
    void aValidRecipeReturnsOpsWithGlobalsInjected() {
        List<OpConfig> ops = validate(String.join("\n",
                "text_keys: [content, title]",
                "skip_op_error: false",
                "export_path: /data/out/res.jsonl",
                "image_key: imgs",
                "process:",
                "  - text_length_filter:",
                "      min_len: 3",
                "  - whitespace_normalization_mapper:",
                "      text_key: title",
                ""));

        OpConfig f = ops.get(0);
        assertThat(f.args())
                .containsEntry("text_key", "content")
                .containsEntry("skip_op_error", false)
                .containsEntry("work_dir", "/data/out")
                .containsEntry("image_key", "imgs")
                .containsEntry("min_len", 3L);
        assertThat(f.line()).isEqualTo(6);
        assertThat(f.lineOf("min_len")).isEqualTo(7);
        assertThat(ops.get(1).args()).containsEntry("text_key", "title");
    }

    @Test
    void defaultsAreInjectedWhenGlobalsAreAbsent() {
        OpConfig op = validate("process:\n  - whitespace_normalization_mapper:\n").get(0);

        assertThat(op.args())
                .containsEntry("text_key", "text")
                .containsEntry("skip_op_error", true)
                .containsEntry("work_dir", Path.of("outputs/hello_world").toAbsolutePath().toString());
    }

    @Test
    void injectedTextKeyReachesTheOp() throws Exception {
        OpConfig op = validate("text_keys: body\nprocess:\n  - text_length_filter:\n").get(0);

        try (Op created = REGISTRY.factory(op.name()).create(op.args())) {
            assertThat(created.textKey()).isEqualTo("body");
        }
    }

    @Test
    void opListToTraceNamingRecipeOpsIsValid() {
        List<OpConfig> ops = validate("open_tracer: true\nop_list_to_trace: [text_length_filter]\nprocess:\n  - text_length_filter:\n");

        assertThat(ops).hasSize(1);
    }

    @Test
    void opsOfKindsThePlannerCannotPlaceAreRefused() {
        OpFactory selector = new OpFactory() {
            @Override
            public String identifier() {
                return "topk_specified_field_selector";
            }

            @Override
            public OpKind kind() {
                return OpKind.SELECTOR;
            }

            @Override
            public String doc() {
                return "";
            }

            @Override
            protected List<ParamSpec> ownParams() {
                return List.of();
            }

            @Override
            public Op create(Params params) {
                throw new UnsupportedOperationException();
            }
        };
        List<OpFactory> all = new ArrayList<>(REGISTRY.all());
        all.add(selector);
        Recipe r = RecipeLoader.parse("r.yaml", "process:\n  - topk_specified_field_selector:\n");

        assertThatThrownBy(() -> RecipeValidator.validate(r, OpRegistry.of(all), false))
                .isInstanceOfSatisfying(RecipeException.class, e -> assertThat(e.problems()).containsExactly(
                        "r.yaml:2: op 'topk_specified_field_selector' is a selector; djflink runs mappers, filters and deduplicators"));
    }

    @Test
    void existingDatasetPassesAndLoadAndValidateReadsAFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("d.jsonl"), "{\"text\":\"a\"}\n");
        Path recipe = dir.resolve("r.yaml");
        Files.writeString(recipe, "dataset_path: d.jsonl\nprocess:\n  - text_length_filter:\n");

        RecipeValidator.Validated v = RecipeValidator.loadAndValidate(recipe, REGISTRY, true);

        assertThat(v.ops()).extracting(OpConfig::name).containsExactly("text_length_filter");
        assertThat(v.recipe().directory()).isEqualTo(dir.toAbsolutePath());
    }

    @Test
    void syntaxErrorStillFailsBeforeValidation() {
        RecipeException e = failure("process:\n  - text_length_filter: {min_len: 1\n");

        assertThat(e.problems()).singleElement().asString().matches("r\\.yaml:\\d+: not valid YAML: .*");
    }
}
