package io.djflink.ops.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.recipe.RecipeLoader;
import io.djflink.recipe.RecipeValidator;
import io.djflink.run.LocalRunner;
import io.djflink.run.Plan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * document_minhash_deduplicator with default arguments, run by the in-process engine over each
 * shared corpus in file order, keeps exactly the documents Data-Juicer's own op kept
 * ({@code keep:document_minhash_deduplicator} of {@code shared/data/dj-expected}), and drops as
 * errors exactly the documents Data-Juicer could not hash.
 */
class DjExpectedMinhashTest {

    static Path data() {
        return Path.of(System.getProperty("djflink.shared", "../../shared"), "data");
    }

    static List<JsonNode> readJsonLines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add(Sample.JSON.readTree(line));
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dj", "licenses", "prose", "code"})
    void keepFlagsEqualDataJuicers(String corpus) throws Exception {
        Map<String, JsonNode> expected = new HashMap<>();
        for (JsonNode n : readJsonLines(data().resolve("dj-expected").resolve(corpus + ".jsonl.gz"))) {
            expected.put(n.get("id").asText(), n);
        }
        List<Sample> input = new ArrayList<>();
        for (JsonNode d : readJsonLines(data().resolve(corpus + ".jsonl.gz"))) {
            input.add(Sample.ofText("text", d.get("text").asText()));
            input.get(input.size() - 1).root().put("id", d.get("id").asText());
        }
        OpRegistry reg = OpRegistry.get();
        var ops = RecipeValidator.validate(
                RecipeLoader.parse("r.yaml", "process:\n  - document_minhash_deduplicator:\n"), reg, false);
        LocalRunner.Outcome o = new LocalRunner(Plan.of(ops, reg), reg).run(input);

        Set<String> kept = new HashSet<>();
        o.kept().forEach(s -> kept.add(s.get("id").asText()));
        Set<String> errors = new HashSet<>();
        o.errors().forEach(f -> errors.add(f.sample().get("id").asText()));
        List<String> wrong = new ArrayList<>();
        for (JsonNode e : expected.values()) {
            String id = e.get("id").asText();
            boolean want = e.get("keep:document_minhash_deduplicator").asBoolean();
            if (kept.contains(id) != want || errors.contains(id) != e.has("minhash_error")) {
                wrong.add(id + (want ? " kept by DJ" : " dropped by DJ"));
            }
        }
        System.out.printf("dj-expected minhash %s: %d docs, %d kept, %d near-duplicates, %d errors, %d mismatches%n",
                corpus, input.size(), o.kept().size(), o.duplicates().size(), o.errors().size(), wrong.size());
        assertThat(wrong).isEmpty();
        assertThat(o.read()).isEqualTo(expected.size());
    }
}
