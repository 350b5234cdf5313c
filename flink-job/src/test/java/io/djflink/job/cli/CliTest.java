package io.djflink.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    @Test
    void validateRefusesABadRecipeNamingLinesOpsAndChoices() throws Exception {
        Path recipe = tmp.resolve("bad.yaml");
        Files.writeString(recipe, String.join("\n",
                "project_name: bad",
                "dataset_path: '" + demoInput() + "'",
                "process:",
                "  - whitespace_normalization_mapper:",
                "  - text_lenght_filter:",
                "      min_len: 10",
                "  - text_length_filter:",
                "      min_lenn: 10",
                "  - text_length_filter:",
                "      max_len: 'many'",
                ""));
        int code = Main.execute("validate", recipe.toString());
        String msg = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(2);
        assertThat(msg).contains("bad.yaml:5: unknown op 'text_lenght_filter' (did you mean 'text_length_filter'?)");
        assertThat(msg).contains("bad.yaml:8: op 'text_length_filter': unknown parameter 'min_lenn'").contains("did you mean 'min_len'");
        assertThat(msg).contains("bad.yaml:10: op 'text_length_filter': parameter 'max_len'").contains("must be an integer");
    }

    @Test
    void validateAcceptsTheDemoRecipeAndShowsThePlan() {
        int code = Main.execute("validate", demoRecipe().toString(), "--dataset-path", demoInput().toString());
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("valid").contains("plan: fused[");
    }

    @Test
    void validateRefusesAMissingDataset() {
        int code = Main.execute("validate", demoRecipe().toString(), "--dataset-path", tmp.resolve("nope.jsonl").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("does not exist");
    }

    @Test
    void opsListsEveryRegisteredOpWithParameters() {
        assertThat(Main.execute("ops")).isZero();
        String listing = out.toString(StandardCharsets.UTF_8);
        assertThat(listing).contains("text_length_filter (filter)").contains("min_len").contains("sys.maxsize");
        assertThat(listing).contains("document_deduplicator (deduplicator)");
    }

    @Test
    void conformanceEndsWithTheSummaryLine() {
        Path cases = Path.of(System.getProperty("djflink.shared", "../shared"), "dj", "conformance");
        int code = Main.execute("conformance", cases.toString());
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(lines.size() - 1)).matches("conformance: \\d+ passed, 0 failed, \\d+ skipped");
        assertThat(code).isZero();
    }

    @Test
    void runExecutesTheDemoRecipe() throws Exception {
        Path export = tmp.resolve("out/demo.jsonl");
        int code = Main.execute("run", demoRecipe().toString(), "--dataset-path", demoInput().toString(),
                "--export-path", export.toString(), "--np", "2", "--checkpoint-interval", "2s");
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("(balanced)");
        assertThat(Files.readAllLines(export)).isNotEmpty();
        assertThat(tmp.resolve("out/trace")).isDirectory();
    }


    private static Path demoRecipe() {
        return locate("recipes/demo.yaml");
    }

    private static Path demoInput() {
        return locate("recipes/data/demo.jsonl");
    }

    /** Finds a file of the checkout from the module directory Surefire runs in. */
    private static Path locate(String rel) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(rel))) {
                return dir.resolve(rel);
            }
        }
        throw new IllegalStateException(rel + " not found above " + Path.of("").toAbsolutePath());
    }
}
