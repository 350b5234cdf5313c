package io.djflink.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeLoader;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain file read in chunks by several readers gives the same run as the same lines read whole
 * from a gzip file by one reader: kept samples, near and exact duplicates (which survivor is kept
 * depends on the ingestion order) and the line numbers of the error output. Also with a task
 * failure in the middle. (Tracer files are capped at trace_num records, which ones depends on
 * arrival, so they are not compared.)
 */
class SplitFilesTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path plain;
    private Path gzip;

    /** The licenses corpus twice (exact and near copies), with malformed lines here and there. */
    @BeforeEach
    void input() throws Exception {
        List<String> lines = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(TestData.shared().resolve("data/licenses.jsonl.gz")))) {
            lines.addAll(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
        }
        int n = lines.size();
        for (int i = 0; i < n; i += 3) {
            lines.add(lines.get(i));
        }
        for (int i = 0; i < lines.size(); i += 97) {
            lines.add(i, "{\"text\": broken line " + i);
        }
        String all = String.join("\n", lines) + "\n";
        plain = tmp.resolve("in.jsonl");
        Files.writeString(plain, all, StandardCharsets.UTF_8);
        gzip = tmp.resolve("in.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write(all.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Files.size(plain)).as("enough for many 1 MB chunks").isGreaterThan(10L << 20);
    }

    private RecipeJob.Result run(Path input, String name, boolean failure) throws Exception {
        String yaml = String.join("\n",
                "project_name: " + name,
                "dataset_path: '" + input + "'",
                "export_path: '" + tmp.resolve(name + "/kept.jsonl") + "'",
                "np: 2",
                "process:",
                "  - whitespace_normalization_mapper:",
                "  - fail_once_mapper:",
                "      after: 900",
                "  - document_deduplicator:",
                "  - document_minhash_deduplicator:",
                "djflink:",
                "  files.split-mb: 1",
                "");
        Recipe recipe = RecipeLoader.parse(name + ".yaml", yaml);
        RecipeJob.Options opts = new RecipeJob.Options(Duration.ofMillis(300), 64L << 20, !failure, false);
        RecipeJob.Result r = FailOnceMapper.run(RecipeJob.prepare(recipe, opts), opts, failure, () -> true);
        return r;
    }

    /** The run's outputs with fields that name the input file removed. */
    private static TreeSet<String> comparable(Path file) throws Exception {
        TreeSet<String> out = new TreeSet<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : TestData.lines(file)) {
            JsonNode n = JSON.readTree(line);
            n.findParents("file").forEach(p -> ((ObjectNode) p).remove("file"));
            // long texts make a failure unreadable; their hash compares them as well
            n.findParents("text").forEach(p -> ((ObjectNode) p).put("text", Integer.toHexString(p.get("text").asText().hashCode())));
            out.add(n.toString());
        }
        return out;
    }

    @Test
    void chunkedAndWholeReadsGiveTheSameRun() throws Exception {
        RecipeJob.Result whole = run(gzip, "whole", false);
        RecipeJob.Result chunked = run(plain, "chunked", false);
        assertThat(chunked.summary().read()).isEqualTo(whole.summary().read());
        assertThat(chunked.summary().duplicates()).isEqualTo(whole.summary().duplicates()).isPositive();
        assertThat(TestData.lines(chunked.outputs().export())).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(TestData.lines(whole.outputs().export()));
        TreeSet<String> errors = comparable(chunked.outputs().errors());
        assertThat(errors).as("malformed lines with their line numbers").isNotEmpty()
                .isEqualTo(comparable(whole.outputs().errors()));
        assertThat(errors.first()).contains("\"line\":");
    }

    @Test
    void aFailureWhileReadingChunksLosesAndRepeatsNothing() throws Exception {
        RecipeJob.Result whole = run(gzip, "reference", false);
        RecipeJob.Result chunked = run(plain, "failover", true);
        assertThat(chunked.summary().read()).isEqualTo(whole.summary().read());
        assertThat(chunked.summary().balanced()).isTrue();
        assertThat(TestData.lines(chunked.outputs().export())).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(TestData.lines(whole.outputs().export()));
    }
}
