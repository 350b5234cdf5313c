package io.djflink.ops.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.ops.Filter;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.ParamException;
import io.djflink.ops.ReferenceDocs;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeException;
import io.djflink.recipe.RecipeLoader;
import io.djflink.recipe.RecipeValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How token_num_filter and alphanumeric_filter (tokenization: true) find their tokenizer: hub
 * ids of the shipped GPT-NeoX-20B tokenizer, paths of other tokenizer.json files, and the errors
 * for everything else, raised when the op is built. The counts themselves are held to the
 * tokenizers library by NeoxTokenizerReferenceTest and the conformance cases.
 */
class TokenOpsTest {

    private static final String TEXT = "hello world and the thing";
    private static int toyCount;
    private static Path toy;

    @BeforeAll
    static void toyReference() throws Exception {
        toy = Path.of(TokenOpsTest.class.getResource("/tokenizer/toy-prefix-nfkc.json").toURI());
        JsonNode ref = ReferenceDocs.fixture("/tokenizer/toy-reference.json");
        for (JsonNode c : ref.get("toys").get("prefix-nfkc")) {
            if (c.get("text").asText().equals("hello world")) {
                toyCount = c.get("ids").size();
            }
        }
        assertThat(toyCount).isPositive();
    }

    private static Filter op(String name, Map<String, Object> args) throws Exception {
        Filter f = (Filter) OpRegistry.get().factory(name).create(args);
        f.open();
        return f;
    }

    private static Sample stats(Filter f, String text) throws Exception {
        Sample s = Sample.ofText("text", text);
        f.computeStats(s, new SampleContext());
        return s;
    }

    private static int numToken(Map<String, Object> args, String text) throws Exception {
        return stats(op("token_num_filter", args), text).stats().get("num_token").asInt();
    }

    @ParameterizedTest
    @ValueSource(strings = {"EleutherAI/pythia-6.9b-deduped", "EleutherAI/pythia-70m", "EleutherAI/pythia-1.4b-deduped-v0",
        "EleutherAI/gpt-neox-20b"})
    void pythiaAndGptNeoxIdsNameTheShippedTokenizer(String id) throws Exception {
        assertThat(numToken(Map.of("hf_tokenizer", id), "Today is Sunday and it's a happy day!"))
                .isEqualTo(numToken(Map.of(), "Today is Sunday and it's a happy day!"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2", "bert-base-uncased", "EleutherAI/gpt-j-6b", "Qwen/Qwen2.5-7B"})
    void anotherHubIdIsRefusedWhenTheOpIsBuilt(String id) {
        assertThatThrownBy(() -> OpRegistry.get().factory("token_num_filter").create(Map.of("hf_tokenizer", id)))
                .isInstanceOfSatisfying(ParamException.class, e -> assertThat(e.param()).isEqualTo("hf_tokenizer"))
                .hasMessageContaining("'" + id + "'")
                .hasMessageContaining("never downloads")
                .hasMessageContaining("tokenizer.json");
    }

    @Test
    void aTokenizerJsonFileOrItsDirectoryIsUsed(@TempDir Path dir) throws Exception {
        Files.copy(toy, dir.resolve("tokenizer.json"));
        assertThat(numToken(Map.of("hf_tokenizer", toy.toString()), "hello world")).isEqualTo(toyCount);
        assertThat(numToken(Map.of("hf_tokenizer", dir.toString()), "hello world")).isEqualTo(toyCount);
    }

    @Test
    void anUnsupportedTokenizerJsonIsRefusedWhenTheOpIsBuilt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("tokenizer.json"),
                Files.readString(toy).replace("\"type\": \"BPE\"", "\"type\": \"WordPiece\""));
        assertThatThrownBy(() -> OpRegistry.get().factory("token_num_filter").create(Map.of("hf_tokenizer", file.toString())))
                .isInstanceOfSatisfying(ParamException.class, e -> assertThat(e.param()).isEqualTo("hf_tokenizer"))
                .hasMessageContaining("model type WordPiece");
    }

    @Test
    void aMissingShippedTokenizerNamesTheBuildStepThatFetchesIt(@TempDir Path dir) {
        assertThatThrownBy(() -> HfTokenizers.shipped("token_num_filter", "hf_tokenizer", HfTokenizers.DJ_DEFAULT,
                        List.of(dir.resolve(HfTokenizers.DEFAULT_FILE))))
                .isInstanceOfSatisfying(ParamException.class, e -> assertThat(e.param()).isEqualTo("hf_tokenizer"))
                .hasMessageContaining("fetch GPT-NeoX tokenizer")
                .hasMessageContaining("tools/models/fetch-neox-tokenizer.sh")
                .hasMessageContaining(dir.resolve(HfTokenizers.DEFAULT_FILE).toString())
                .hasMessageContaining("never downloads");
    }

    @Test
    void theShippedTokenizerIsFoundFromTheWorkingDirectory() {
        assertThat(HfTokenizers.shipped("token_num_filter", "hf_tokenizer", HfTokenizers.DJ_DEFAULT,
                        io.djflink.ops.model.ModelFiles.candidates(HfTokenizers.DEFAULT_FILE)))
                .isRegularFile()
                .endsWith(Path.of(HfTokenizers.DEFAULT_FILE));
    }

    @Test
    void recipeValidationReportsTheTokenizerLine() {
        String yaml = "project_name: t\nprocess:\n  - token_num_filter:\n      hf_tokenizer: gpt2\n";
        Recipe recipe = RecipeLoader.parse("r.yaml", yaml);
        assertThatThrownBy(() -> RecipeValidator.validate(recipe, OpRegistry.get(), false))
                .isInstanceOf(RecipeException.class)
                .satisfies(e -> assertThat(((RecipeException) e).problems())
                        .singleElement().asString().startsWith("r.yaml:4:").contains("never downloads"));
    }

    @Test
    void anExistingStatIsNotRecomputed() throws Exception {
        Filter f = op("token_num_filter", Map.of("min_num", 3));
        Sample s = Sample.ofText("text", "a b c d e f");
        s.stats().put("num_token", 2);
        f.computeStats(s, new SampleContext());
        assertThat(s.stats().get("num_token").asInt()).isEqualTo(2);
        assertThat(f.keep(s)).isFalse();
    }

    @Test
    void alphanumericTokenizationUsesTokenizerModelAndAlphaTokenRatio() throws Exception {
        Map<String, Object> args = new HashMap<>();
        args.put("tokenization", true);
        args.put("tokenizer_model", toy.toString());
        Filter f = op("alphanumeric_filter", args);
        assertThat(f.statKeys()).containsExactly("alpha_token_ratio");
        // 10 letters of hello world over the toy tokenizer's tokens
        assertThat(stats(f, "hello world").stats().get("alpha_token_ratio").asDouble()).isEqualTo(10.0 / toyCount);
        assertThat(stats(f, "").stats().get("alpha_token_ratio").asDouble()).isEqualTo(0.0);
    }

    @Test
    void alphanumericWithoutTokenizationNeedsNoTokenizer() throws Exception {
        Filter f = op("alphanumeric_filter", Map.of("tokenizer_model", "no/such-tokenizer"));
        assertThat(f.statKeys()).containsExactly("alnum_ratio");
        assertThatThrownBy(() -> OpRegistry.get().factory("alphanumeric_filter")
                        .create(Map.of("tokenization", true, "tokenizer_model", "no/such-tokenizer")))
                .isInstanceOfSatisfying(ParamException.class, e -> assertThat(e.param()).isEqualTo("tokenizer_model"));
    }
}
