package io.djflink.ops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tokenizer.json features GPT-NeoX's tokenizer does not use, held to Hugging Face's
 * tokenizers library on small toy tokenizers (tokenizer/toy-*.json and the library's ids in
 * toy-reference.json, made by tools/models/neox-fixture/gen.sh), and the features djflink does
 * not implement, which must be refused by name rather than tokenized differently.
 */
class HfBpeTokenizerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path resource(String name) throws Exception {
        return Path.of(HfBpeTokenizerTest.class.getResource("/tokenizer/" + name).toURI());
    }

    @Test
    void toyTokenizersGiveTheLibrarysIds() throws Exception {
        JsonNode reference = JSON.readTree(resource("toy-reference.json").toFile()).get("toys");
        List<String> problems = new ArrayList<>();
        int cases = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = reference.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> toy = it.next();
            HfBpeEncoder e = HfBpeTokenizer.load(resource("toy-" + toy.getKey() + ".json")).newEncoder();
            for (JsonNode c : toy.getValue()) {
                int[] want = JSON.convertValue(c.get("ids"), int[].class);
                String text = c.get("text").asText();
                int[] ids = e.encode(text);
                cases++;
                if (!Arrays.equals(ids, want) || e.count(text) != want.length) {
                    problems.add(toy.getKey() + " " + JSON.writeValueAsString(text) + ": " + Arrays.toString(ids)
                            + ", the library " + Arrays.toString(want));
                }
            }
        }
        assertThat(cases).isGreaterThanOrEqualTo(100);
        assertThat(problems).isEmpty();
    }

    @Test
    void aWordSeenBeforeGivesTheSameTokensFromTheCache() throws Exception {
        HfBpeEncoder e = HfBpeTokenizer.load(resource("toy-prefix-nfkc.json")).newEncoder();
        int[] first = e.encode("hello world and the thing");
        // enough distinct words to fill the cache and make it start over
        for (int i = 0; i < HfBpeEncoder.CACHE_LIMIT + 10; i++) {
            e.count("w" + i);
        }
        assertThat(e.encode("hello world and the thing")).containsExactly(first);
        assertThat(e.encode("hello world and the thing")).containsExactly(first);
    }

    @Test
    void aHugeWordIsTokenizedAgainAfterItsBuffersAreDropped() throws Exception {
        HfBpeEncoder e = HfBpeTokenizer.load(resource("toy-prefix-nfkc.json")).newEncoder();
        String blob = "thing".repeat(20_000);
        int[] small = e.encode("thing".repeat(20));
        int[] ids = e.encode(blob);
        // no toy merge spans "g" "t", so every repetition gives the tokens it gives in the short text
        assertThat(ids).hasSize(1 + (small.length - 1) * 1000);
        assertThat(e.encode(blob)).containsExactly(ids);
        assertThat(e.encode("thing".repeat(20))).containsExactly(small);
    }

    @Test
    void anUnpairedSurrogateIsRefused() throws Exception {
        HfBpeEncoder e = HfBpeTokenizer.load(resource("toy-prefix-nfkc.json")).newEncoder();
        assertThatThrownBy(() -> e.count("text \udc00 here"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate");
    }

    @Test
    void checkAcceptsWhatLoadRuns(@TempDir Path dir) throws Exception {
        HfBpeTokenizer.check(resource("toy-unk-fused.json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "model.type=WordPiece|model type WordPiece",
        "model.type=Unigram|model type Unigram",
        "model.dropout=0.1|dropout",
        "model.continuing_subword_prefix=##|continuing_subword_prefix",
        "model.end_of_word_suffix=</w>|end_of_word_suffix",
        "model.byte_fallback=true|byte_fallback",
        "normalizer.type=Lowercase|normalizer Lowercase",
        "pre_tokenizer.type=Metaspace|pre_tokenizer Metaspace",
        "pre_tokenizer=null|pre_tokenizer null",
        "added_tokens.0.lstrip=true|lstrip",
        "added_tokens.0.single_word=true|single_word",
        "model.unk_token=<nope>|unk_token '<nope>'",
    })
    void unsupportedFeaturesAreRefusedByName(String change, @TempDir Path dir) throws Exception {
        String[] parts = change.split("\\|");
        Path file = edited(dir, parts[0]);
        // check (recipe validation) refuses what it can see without the vocab; load refuses all
        assertThatThrownBy(() -> HfBpeTokenizer.load(file))
                .isInstanceOf(HfBpeTokenizer.UnsupportedTokenizerException.class)
                .hasMessageContaining(parts[1])
                .hasMessageContaining(file.toString())
                .hasMessageContaining("byte-level BPE");
        if (!parts[0].startsWith("model.unk_token")) {
            assertThatThrownBy(() -> HfBpeTokenizer.check(file))
                    .isInstanceOf(HfBpeTokenizer.UnsupportedTokenizerException.class)
                    .hasMessageContaining(parts[1]);
        }
    }

    @Test
    void aMergeOfTokensOutsideTheVocabIsRefused(@TempDir Path dir) throws Exception {
        ObjectNode t = (ObjectNode) JSON.readTree(resource("toy-unk-dropped.json").toFile());
        ((com.fasterxml.jackson.databind.node.ArrayNode) t.path("model").path("merges")).add("q z");
        Path file = dir.resolve("tokenizer.json");
        JSON.writeValue(file.toFile(), t);
        assertThatThrownBy(() -> HfBpeTokenizer.load(file))
                .isInstanceOf(HfBpeTokenizer.UnsupportedTokenizerException.class)
                .hasMessageContaining("'q' 'z'")
                .hasMessageContaining("not in the vocab");
    }

    @Test
    void aFileThatIsNotATokenizerJsonSaysSo(@TempDir Path dir) throws Exception {
        Path notJson = Files.writeString(dir.resolve("a.json"), "version 1");
        Path noModel = Files.writeString(dir.resolve("b.json"), "{\"version\": \"1.0\"}");
        assertThatThrownBy(() -> HfBpeTokenizer.check(notJson)).hasMessageContaining("not a tokenizer.json");
        assertThatThrownBy(() -> HfBpeTokenizer.load(noModel)).hasMessageContaining("no \"model\"");
    }

    /** A copy of a toy tokenizer with one dotted field set (JSON scalar or null). */
    private static Path edited(Path dir, String assignment) throws Exception {
        ObjectNode t = (ObjectNode) JSON.readTree(resource("toy-unk-separate.json").toFile());
        String[] kv = assignment.split("=", 2);
        String[] path = kv[0].split("\\.");
        JsonNode parent = t;
        for (int i = 0; i < path.length - 1; i++) {
            parent = parent.isArray() ? parent.get(Integer.parseInt(path[i])) : parent.get(path[i]);
        }
        JsonNode value = kv[1].equals("null") ? JSON.nullNode()
                : kv[1].equals("true") ? JSON.getNodeFactory().booleanNode(true)
                : kv[1].matches("[0-9.]+") ? JSON.getNodeFactory().numberNode(Double.parseDouble(kv[1]))
                : JSON.getNodeFactory().textNode(kv[1]);
        ((ObjectNode) parent).set(path[path.length - 1], value);
        Path file = dir.resolve("tokenizer.json");
        JSON.writeValue(file.toFile(), t);
        return file;
    }
}
