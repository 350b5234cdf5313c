package io.djflink.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.ops.Sample;
import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input never fails the job and is never lost: every bad record reaches the error output with
 * its raw bytes, file, line and reason, and every good record is processed.
 */
class MalformedInputTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    private static final int BIG = 50 << 20;

    @TempDir
    Path tmp;

    Path input;
    final Set<String> goodIds = new TreeSet<>();

    @BeforeEach
    void writeInput() throws IOException {
        input = Files.createDirectories(tmp.resolve("in"));
        ByteArrayOutputStream mixed = new ByteArrayOutputStream();
        good(mixed, "g1", "a perfectly ordinary first sample");
        line(mixed, "{\"id\": \"bad-truncated\", \"text\": \"cut off in the mid");               // line 2
        line(mixed, "[\"an\", \"array\", \"not\", \"an\", \"object\"]");                          // line 3
        good(mixed, "g2", "a second ordinary sample");
        line(mixed, "{\"id\": \"bad-no-text\", \"content\": \"the text field is missing\"}");    // line 5
        mixed.write("{\"id\": \"bad-utf8\", \"text\": \"caf".getBytes(StandardCharsets.UTF_8));  // line 6
        mixed.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        line(mixed, "\"}");
        line(mixed, "");                                                                           // blank: not a record
        good(mixed, "g3", "a third ordinary sample after a blank line");
        Files.write(input.resolve("a-mixed.jsonl"), mixed.toByteArray());

        // One 50 MB line of valid JSON: a good record, processed like any other.
        try (OutputStream out = Files.newOutputStream(input.resolve("b-huge.jsonl"))) {
            out.write("{\"id\": \"g-huge\", \"text\": \"".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "lorem ipsum dolor sit amet ".repeat(1000).getBytes(StandardCharsets.UTF_8);
            for (long written = 0; written < BIG; written += chunk.length) {
                out.write(chunk);
            }
            out.write("\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        goodIds.add("g-huge");

        Files.write(input.resolve("c-empty.jsonl"), new byte[0]);

        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            good(z, "g4", "a compressed sample");
            line(z, "{\"id\": \"bad-gz\", \"text\": 12, }");                                     // line 2 of the .gz
            line(z, "{\"id\": \"bad-surrogate\", \"text\": \"half \\ud83d of an emoji\"}");          // line 3 of the .gz
        }
        Files.write(input.resolve("d-packed.jsonl.gz"), gz.toByteArray());
    }

    @Test
    void badRecordsGoToTheErrorOutputAndGoodOnesAreProcessed() throws Exception {
        RecipeJob.Result r = run(256L << 20);

        List<JsonNode> errors = errors(r);
        assertThat(errors).extracting(e -> e.get("file").asText().replaceAll(".*/", "") + ":" + e.get("line").asLong())
                .containsExactlyInAnyOrder("a-mixed.jsonl:2", "a-mixed.jsonl:3", "a-mixed.jsonl:5", "a-mixed.jsonl:6",
                        "d-packed.jsonl.gz:2", "d-packed.jsonl.gz:3");
        assertThat(find(errors, "d-packed.jsonl.gz", 3).get("error").asText()).contains("unpaired surrogate \\ud83d");
        JsonNode utf8 = find(errors, "a-mixed.jsonl", 6);
        assertThat(utf8.get("error").asText()).contains("invalid UTF-8");
        assertThat(utf8.has("raw")).isFalse();
        byte[] raw = java.util.Base64.getDecoder().decode(utf8.get("raw_base64").asText());
        assertThat(raw).endsWith((byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) '"', (byte) '}');
        assertThat(find(errors, "a-mixed.jsonl", 2).get("raw").asText()).isEqualTo("{\"id\": \"bad-truncated\", \"text\": \"cut off in the mid");
        assertThat(find(errors, "a-mixed.jsonl", 3).get("error").asText()).contains("must be a JSON object");
        JsonNode noText = find(errors, "a-mixed.jsonl", 5);
        assertThat(noText.get("reason").asText()).isEqualTo("op_error");
        assertThat(noText.get("op").asText()).isEqualTo("text_length_filter");
        assertThat(noText.get("sample").get("id").asText()).isEqualTo("bad-no-text");

        assertThat(keptIds(r)).isEqualTo(goodIds);
        assertThat(r.summary().read()).isEqualTo(goodIds.size() + 6);
        assertThat(r.summary().errors()).isEqualTo(6);
        assertThat(r.summary().balanced()).isTrue();
    }

    @Test
    void aLineOverTheLimitIsReportedWithItsHeadAndLength() throws Exception {
        goodIds.remove("g-huge");
        RecipeJob.Result r = run(1L << 20);
        JsonNode huge = find(errors(r), "b-huge.jsonl", 1);
        assertThat(huge.get("error").asText()).contains("exceeds max_line_bytes");
        assertThat(huge.get("raw_truncated").asBoolean()).isTrue();
        assertThat(huge.get("raw_bytes").asLong()).isGreaterThan(BIG);
        assertThat(huge.get("raw").asText()).startsWith("{\"id\": \"g-huge\"").hasSize(1 << 20);
        assertThat(keptIds(r)).isEqualTo(goodIds);
        assertThat(r.summary().balanced()).isTrue();
    }

    @Test
    void skipOpErrorFalseStopsTheJobWithTheOpAndTheCause() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(256L << 20, "skip_op_error: false"))
                .isInstanceOf(io.djflink.run.OpFailure.class)
                .hasMessageContaining("text_length_filter")
                .hasMessageContaining("skip_op_error is false")
                .hasMessageContaining("no text field");
    }

    @Test
    void aGzipExportIsOneValidGzipStream() throws Exception {
        RecipeJob.Result r = run(256L << 20, "export_path: '" + tmp.resolve("out/kept.jsonl.gz") + "'");
        assertThat(r.outputs().export().toString()).endsWith(".jsonl.gz");
        assertThat(keptIds(r)).isEqualTo(goodIds);
    }

    private RecipeJob.Result run(long maxLineBytes) throws Exception {
        return run(maxLineBytes, "export_path: '" + tmp.resolve("out/kept.jsonl") + "'");
    }

    private RecipeJob.Result run(long maxLineBytes, String extra) throws Exception {
        Recipe recipe = RecipeLoader.parse("malformed.yaml", String.join("\n",
                "project_name: malformed",
                "dataset_path: '" + input + "'",
                extra.startsWith("export_path") ? extra : "export_path: '" + tmp.resolve("out/kept.jsonl") + "'",
                extra.startsWith("export_path") ? "" : extra,
                "np: 2",
                "process:",
                "  - whitespace_normalization_mapper:",
                "  - text_length_filter:",
                "      min_len: 5",
                "  - document_deduplicator:",
                ""));
        RecipeJob.Options opts = new RecipeJob.Options(Duration.ofSeconds(5), maxLineBytes, true, false);
        return RecipeJob.run(RecipeJob.prepare(recipe, opts), opts, System.out);
    }

    private void good(OutputStream out, String id, String text) throws IOException {
        goodIds.add(id);
        line(out, "{\"id\": \"" + id + "\", \"text\": \"" + text + "\"}");
    }

    private static void line(OutputStream out, String s) throws IOException {
        out.write((s + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static List<JsonNode> errors(RecipeJob.Result r) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (r.outputs().errors() != null) {
            for (String l : TestData.lines(r.outputs().errors())) {
                out.add(Sample.JSON.readTree(l));
            }
        }
        return out;
    }

    private static JsonNode find(List<JsonNode> errors, String file, long line) {
        return errors.stream()
                .filter(e -> e.get("file").asText().endsWith("/" + file) && e.get("line").asLong() == line)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no error record for " + file + ":" + line + " in " + errors));
    }

    private static Set<String> keptIds(RecipeJob.Result r) throws IOException {
        Set<String> ids = new TreeSet<>();
        for (Sample s : TestData.samples(r.outputs().export())) {
            ids.add(s.root().get("id").asText());
        }
        return ids;
    }
}
