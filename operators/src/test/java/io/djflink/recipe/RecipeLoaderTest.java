package io.djflink.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipeLoaderTest {

    private static Recipe parse(String yaml) {
        return RecipeLoader.parse("r.yaml", yaml);
    }

    private static RecipeException failure(String yaml) {
        try {
            parse(yaml);
        } catch (RecipeException e) {
            return e;
        }
        throw new AssertionError("expected a RecipeException for:\n" + yaml);
    }

    @Test
    void loadsGlobalsAndProcessWithLines() {
        Recipe r = parse(String.join("\n",
                "# comment",
                "project_name: demo",
                "np: 2",
                "process:",
                "  - text_length_filter:",
                "      min_len: 5",
                "      max_len: 2e5",
                "  - whitespace_normalization_mapper:",
                ""));

        assertThat(r.projectName()).isEqualTo("demo");
        assertThat(r.np()).isEqualTo(2);
        assertThat(r.lineOf("np")).isEqualTo(3);
        assertThat(r.process()).extracting(OpConfig::name)
                .containsExactly("text_length_filter", "whitespace_normalization_mapper");
        OpConfig f = r.process().get(0);
        assertThat(f.line()).isEqualTo(5);
        assertThat(f.index()).isEqualTo(0);
        assertThat(f.lineOf("min_len")).isEqualTo(6);
        assertThat(f.lineOf("max_len")).isEqualTo(7);
        assertThat(f.lineOf("not_written")).isEqualTo(5);
        assertThat(f.args()).containsEntry("min_len", 5L);
        assertThat(((Number) f.args().get("max_len")).doubleValue()).isEqualTo(200_000.0);
        assertThat(r.process().get(1).args()).isEmpty();
        assertThat(r.process().get(1).id()).isEqualTo("01-whitespace_normalization_mapper");
    }

    @Test
    void appliesDataJuicerDefaults() {
        Recipe r = parse("process: []\n");

        assertThat(r.projectName()).isEqualTo("hello_world");
        assertThat(r.np()).isEqualTo(4);
        assertThat(r.textKeys()).containsExactly("text");
        assertThat(r.skipOpError()).isTrue();
        assertThat(r.openTracer()).isFalse();
        assertThat(r.traceNum()).isEqualTo(10);
        assertThat(r.exportPath()).isEqualTo("./outputs/hello_world/hello_world.jsonl");
        assertThat(r.process()).isEmpty();
    }

    @Test
    void workDirDefaultsToTheExportPathsDirectory() {
        Recipe r = parse("export_path: /data/out/result.jsonl\n");

        assertThat(r.workDir()).isEqualTo("/data/out");
    }

    @Test
    void workDirDefaultForARelativeExportPathIsAbsolute() {
        Recipe r = parse("export_path: ./outputs/x/res.jsonl\n");

        assertThat(r.workDir()).isEqualTo(Path.of("outputs/x").toAbsolutePath().toString());
    }

    @Test
    void explicitWorkDirWins() {
        Recipe r = parse("export_path: /data/out/result.jsonl\nwork_dir: /w\n");

        assertThat(r.workDir()).isEqualTo("/w");
    }

    @Test
    void textKeysMayBeAStringOrAList() {
        assertThat(parse("text_keys: content\n").textKeys()).containsExactly("content");
        assertThat(parse("text_keys: [a, b]\n").textKeys()).containsExactly("a", "b");
    }

    @Test
    void emptyTextKeysIsAProblemAtItsLine() {
        RecipeException e = failure("np: 1\ntext_keys: []\n");

        assertThat(e.problems()).containsExactly("r.yaml:2: global key 'text_keys' must name at least one key");
    }

    @Test
    void processEntryMayBeABareName() {
        Recipe r = parse("process:\n  - whitespace_normalization_mapper\n");

        assertThat(r.process()).singleElement().satisfies(op -> {
            assertThat(op.name()).isEqualTo("whitespace_normalization_mapper");
            assertThat(op.args()).isEmpty();
            assertThat(op.line()).isEqualTo(2);
        });
    }

    @Test
    void nullProcessIsAnEmptyList() {
        assertThat(parse("process:\n").process()).isEmpty();
    }

    @Test
    void yamlScalarsResolveAsPyYamlDoes() {
        Recipe r = parse(String.join("\n",
                "process:",
                "  - some_op:",
                "      a: yes",
                "      b: Off",
                "      c: ~",
                "      d: 0x1F",
                "      e: 1_000",
                "      f: .inf",
                "      g: '2e5'",
                "      h: 3.5",
                "      i: [x, 1]",
                "      j: {k: v}",
                ""));

        Map<String, Object> a = r.process().get(0).args();
        assertThat(a.get("a")).isEqualTo(true);
        assertThat(a.get("b")).isEqualTo(false);
        assertThat(a).containsEntry("c", null);
        assertThat(a.get("d")).isEqualTo(31L);
        assertThat(a.get("e")).isEqualTo(1000L);
        assertThat(a.get("f")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(a.get("g")).isEqualTo("2e5");
        assertThat(a.get("h")).isEqualTo(3.5);
        assertThat(a.get("i")).isEqualTo(List.of("x", 1L));
        assertThat(a.get("j")).isEqualTo(Map.of("k", "v"));
    }

    @Test
    void yaml11OctalAndBinaryIntegersResolveAsPyYamlDoes() {
        Map<String, Object> a = parse("process:\n  - some_op:\n      o: 010\n      b: 0b101\n      s: +0x10\n")
                .process().get(0).args();

        assertThat(a.get("o")).isEqualTo(8L);
        assertThat(a.get("b")).isEqualTo(5L);
        assertThat(a.get("s")).isEqualTo(16L);
    }

    @Test
    void yaml11BaseSixtyNumbersResolveAsPyYamlDoes() {
        Map<String, Object> a = parse("process:\n  - some_op:\n      i: 1:20\n      f: 1:30.5\n      n: -1:00\n")
                .process().get(0).args();

        assertThat(a.get("i")).isEqualTo(80L);
        assertThat(a.get("f")).isEqualTo(90.5);
        assertThat(a.get("n")).isEqualTo(-60L);
    }

    @Test
    void explicitNumericTagOnAWordStaysAStringInsteadOfCrashing() {
        Map<String, Object> a = parse("process:\n  - some_op:\n      f: !!float abc\n      i: !!int abc\n")
                .process().get(0).args();

        assertThat(a.get("f")).isEqualTo("abc");
        assertThat(a.get("i")).isEqualTo("abc");
    }

    @Test
    void unknownGlobalKeySuggestsTheClosestAndNamesItsLine() {
        RecipeException e = failure("project_name: x\nexport_pth: out.jsonl\n");

        assertThat(e.problems()).singleElement().asString()
                .startsWith("r.yaml:2: unknown global key 'export_pth'")
                .contains("did you mean 'export_path'?")
                .contains("keys djflink uses: project_name, dataset_path, export_path");
    }

    @Test
    void everyGlobalProblemIsReportedAtOnce() {
        RecipeException e = failure(String.join("\n",
                "np: four",
                "open_tracer: 1",
                "bogus_key: 1",
                "op_list_to_trace: text_length_filter",
                "trace_num: -1",
                "process: []",
                ""));

        assertThat(e.problems()).containsExactly(
                "r.yaml:1: global key 'np' must be an integer, got four",
                "r.yaml:2: global key 'open_tracer' must be true or false, got 1",
                e.problems().get(2),
                "r.yaml:4: global key 'op_list_to_trace' must be a list of strings, got text_length_filter",
                "r.yaml:5: global key 'trace_num' is -1; it must not be negative");
        assertThat(e.problems().get(2)).startsWith("r.yaml:3: unknown global key 'bogus_key'");
        assertThat(e.getMessage()).startsWith("recipe r.yaml is invalid (5 problems):");
    }

    @Test
    void npMustBeAtLeastOne() {
        assertThat(failure("np: 0\n").problems()).containsExactly("r.yaml:1: global key 'np' is 0; it must be at least 1");
    }

    @Test
    void acceptedButUnusedKeysLoad() {
        Recipe r = parse("op_fusion: true\nuse_cache: false\nexecutor_type: default\n");

        assertThat(r.globals()).containsKeys("op_fusion", "use_cache", "executor_type");
        assertThat(RecipeLoader.isUsedKey("op_fusion")).isFalse();
        assertThat(RecipeLoader.isUsedKey("np")).isTrue();
    }

    @Test
    void yamlSyntaxErrorReportsItsLine() {
        RecipeException e = failure("project_name: x\nprocess:\n  - text_length_filter:\n      min_len: [1, 2\n  - other:\n");

        assertThat(e.problems()).singleElement().asString().matches("r\\.yaml:\\d+: not valid YAML: .*");
        int line = Integer.parseInt(e.problems().get(0).split(":")[1]);
        assertThat(line).isBetween(4, 6);
    }

    @Test
    void yamlTabIndentationReportsItsLine() {
        RecipeException e = failure("project_name: x\nprocess:\n\t- text_length_filter\n");

        assertThat(e.problems()).singleElement().asString().startsWith("r.yaml:3: not valid YAML");
    }

    @Test
    void duplicateGlobalKeyIsAProblemAtTheSecondOccurrence() {
        RecipeException e = failure("np: 2\nproject_name: x\nnp: 3\n");

        assertThat(e.problems()).singleElement().asString().startsWith("r.yaml:3:").contains("'np'");
    }

    @Test
    void duplicateOpParameterIsAProblemAtTheSecondOccurrence() {
        RecipeException e = failure("process:\n  - text_length_filter:\n      min_len: 1\n      min_len: 2\n");

        assertThat(e.problems()).singleElement().asString().startsWith("r.yaml:4:").contains("'min_len'");
    }

    @Test
    void emptyRecipeIsAProblem() {
        assertThat(failure("").problems()).containsExactly("r.yaml: the recipe is empty");
    }

    @Test
    void recipeMustBeAMapping() {
        assertThat(failure("- a\n- b\n").problems()).singleElement().asString().startsWith("r.yaml:1: a recipe must be a mapping");
    }

    @Test
    void processMustBeAList() {
        assertThat(failure("np: 1\nprocess: text_length_filter\n").problems())
                .singleElement().asString().startsWith("r.yaml:2: 'process' must be a list of ops");
    }

    @Test
    void processEntryWithTwoKeysIsAProblem() {
        assertThat(failure("process:\n  - a: {}\n    b: {}\n").problems())
                .singleElement().asString().startsWith("r.yaml:2: each process entry must be a single");
    }

    @Test
    void opArgumentsMustBeAMapping() {
        assertThat(failure("process:\n  - text_length_filter: 5\n").problems())
                .singleElement().asString().startsWith("r.yaml:2: arguments of op 'text_length_filter' must be a mapping");
    }

    @Test
    void loadFromAFileRemembersItsDirectory(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("r.yaml");
        Files.writeString(f, "np: 1\n");

        Recipe r = RecipeLoader.load(f);

        assertThat(r.directory()).isEqualTo(dir.toAbsolutePath());
        assertThat(r.source()).isEqualTo(f.toString());
    }

    @Test
    void missingRecipeFileIsAProblem(@TempDir Path dir) {
        Path f = dir.resolve("none.yaml");

        assertThatThrownBy(() -> RecipeLoader.load(f))
                .isInstanceOf(RecipeException.class)
                .hasMessageContaining("cannot read the recipe");
    }

    @Test
    void tracerCoversEveryOpWhenTheListIsEmptyAndOnlyListedOpsOtherwise() {
        OpConfig a = new OpConfig("text_length_filter", Map.of(), 0, 0, null);
        OpConfig b = new OpConfig("document_deduplicator", Map.of(), 1, 0, null);

        assertThat(parse("np: 1\n").traces(a)).isFalse();
        assertThat(parse("open_tracer: true\n").traces(a)).isTrue();
        Recipe listed = parse("open_tracer: true\nop_list_to_trace: [document_deduplicator]\ntrace_num: 3\n");
        assertThat(listed.traces(a)).isFalse();
        assertThat(listed.traces(b)).isTrue();
        assertThat(listed.traceNum()).isEqualTo(3);
    }

    @Test
    void withOverridesAGlobalAndDropsItsLine() {
        Recipe r = parse("np: 2\n").with("np", 8L);

        assertThat(r.np()).isEqualTo(8);
        assertThat(r.lineOf("np")).isZero();
    }
}
