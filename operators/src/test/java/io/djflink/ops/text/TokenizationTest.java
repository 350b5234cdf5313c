package io.djflink.ops.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.ops.Filter;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.ParamException;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import io.djflink.ops.model.SentencePieceModel;
import io.djflink.ops.model.SpModels;
import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeException;
import io.djflink.recipe.RecipeLoader;
import io.djflink.recipe.RecipeValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * tokenization: true: the word filters split with a sentencepiece model named by tokenizer_model
 * (Data-Juicer's get_words_from_document with encode_as_pieces); without a model file the op is
 * refused when it is built. (alphanumeric_filter's tokenization, on a Hugging Face tokenizer: TokenOpsTest.)
 */
class TokenizationTest {

    private static final String ALBERT = SpModels.path(SpModels.ALBERT).toString();

    private static Filter filter(String op, Map<String, Object> args) {
        return (Filter) OpRegistry.get().factory(op).create(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"words_num_filter", "word_repetition_filter"})
    void tokenizationWithoutModelIsRefusedNamingTokenization(String op) {
        assertThatThrownBy(() -> OpRegistry.get().factory(op).create(Map.of("tokenization", true)))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("tokenizer_model")
                .satisfies(e -> assertThat(((ParamException) e).param()).isEqualTo("tokenization"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"words_num_filter", "word_repetition_filter"})
    void aModelPathThatIsNoFileIsRefusedNamingTokenizerModel(String op) {
        assertThatThrownBy(() -> OpRegistry.get().factory(op)
                        .create(Map.of("tokenization", true, "tokenizer_model", "/no/such/en.sp.model")))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("/no/such/en.sp.model")
                .hasMessageContaining("never downloads")
                .satisfies(e -> assertThat(((ParamException) e).param()).isEqualTo("tokenizer_model"));
    }


    @ParameterizedTest
    @ValueSource(strings = {"alphanumeric_filter", "words_num_filter", "word_repetition_filter"})
    void modelWithoutTokenizationIsAccepted(String op) throws Exception {
        OpRegistry.get().factory(op).create(Map.of("tokenizer_model", "/models/en.sp.model")).close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"words_num_filter", "word_repetition_filter"})
    void recipeValidationReportsTheTokenizationLine(String op) {
        String yaml = "project_name: t\nprocess:\n  - " + op + ":\n      tokenization: true\n";
        Recipe recipe = RecipeLoader.parse("r.yaml", yaml);
        assertThatThrownBy(() -> RecipeValidator.validate(recipe, OpRegistry.get(), false))
                .isInstanceOf(RecipeException.class)
                .satisfies(e -> assertThat(((RecipeException) e).problems())
                        .singleElement().asString().startsWith("r.yaml:4:").contains("tokenizer_model"));
    }

    @Test
    void wordsNumCountsSentencepiecesLeftAfterStrippingSpecialCharacters() throws Exception {
        // sentencepiece's own pieces of each edge case (the reference fixture); Data-Juicer refines
        // them with strip(SPECIAL_CHARACTERS) and counts what is not empty. '▁' is no special character
        Filter f = filter("words_num_filter", Map.of("tokenization", true, "tokenizer_model", ALBERT));
        f.open();
        int checked = 0;
        for (JsonNode doc : SpModels.reference(SpModels.ALBERT).get("docs")) {
            if (!doc.has("text")) {
                continue;
            }
            long want = 0;
            for (JsonNode piece : doc.get("pieces")) {
                if (!Words.stripSpecial(piece.asText()).isEmpty()) {
                    want++;
                }
            }
            Sample s = Sample.ofText("text", doc.get("text").asText());
            f.computeStats(s, new SampleContext());
            assertThat(s.stats().get("num_words").asLong()).as(doc.get("id").asText()).isEqualTo(want);
            checked++;
        }
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void wordsNumWithTokenizationDiffersFromWhitespaceWords() throws Exception {
        // pieces [▁, H, ello, ▁world, .]: '.' strips to nothing, the other four count
        String text = "Hello world.";
        Sample tokenized = Sample.ofText("text", text);
        filter("words_num_filter", Map.of("tokenization", true, "tokenizer_model", ALBERT))
                .computeStats(tokenized, new SampleContext());
        Sample plain = Sample.ofText("text", text);
        filter("words_num_filter", Map.of()).computeStats(plain, new SampleContext());
        assertThat(tokenized.stats().get("num_words").asInt()).isEqualTo(4);
        assertThat(plain.stats().get("num_words").asInt()).isEqualTo(2);
    }

    @Test
    void wordRepetitionCountsNgramsOfRefinedPieces() throws Exception {
        SentencePieceModel sp = SentencePieceModel.shared(SpModels.path(SpModels.ALBERT));
        String text = "The cat sat. The cat sat. The dog ran away from the CAT, and the cat sat down.";
        List<String> refined = Words.refine(sp.encodeAsPieces(text), true, true);
        // n-grams of 3 refined pieces joined by spaces, counted as Data-Juicer counts them
        Map<String, Integer> freq = new java.util.HashMap<>();
        int total = refined.size() - 3 + 1;
        for (int i = 0; i < total; i++) {
            freq.merge(String.join(" ", refined.subList(i, i + 3)), 1, Integer::sum);
        }
        int repeated = freq.values().stream().filter(c -> c > 1).mapToInt(Integer::intValue).sum();

        Sample s = Sample.ofText("text", text);
        filter("word_repetition_filter", Map.of("tokenization", true, "tokenizer_model", ALBERT, "rep_len", 3))
                .computeStats(s, new SampleContext());
        assertThat(repeated).isPositive();
        assertThat(s.stats().get("word_rep_ratio").asDouble()).isEqualTo((double) repeated / total);
    }

    @Test
    void wordsWithASpaceAreCountedAsJoinedNgrams() {
        // "a b"+"c" and "a"+"b c" join to the same bigram string, as in Data-Juicer
        assertThat(WordRepetitionFilter.ratio(List.of("a b", "c", "a", "b c"), 2, new NgramCounter()))
                .isEqualTo(2.0 / 3);
    }

    @Test
    void fusedWordFiltersShareThePiecesAndKeepThemApartFromWhitespaceWords() throws Exception {
        Map<String, Object> tok = Map.of("tokenization", true, "tokenizer_model", ALBERT, "min_num", 0);
        Filter num = filter("words_num_filter", tok);
        Filter rep = filter("word_repetition_filter", Map.of("tokenization", true, "tokenizer_model", ALBERT));
        Filter plain = filter("words_num_filter", Map.of("min_num", 0));
        SampleContext ctx = new SampleContext();
        Sample s = Sample.ofText("text", "Hello world, hello again.");
        num.computeStats(s, ctx);
        List<Object> before = new ArrayList<>(ctx.values().values());
        rep.computeStats(s, ctx);
        assertThat(ctx.values().values()).as("the pieces are not tokenized again").contains(before.get(0));
        Sample t = Sample.ofText("text", "Hello world, hello again.");
        plain.computeStats(t, ctx);
        assertThat(ctx.values()).containsKey(Words.WORDS_CONTEXT);
        assertThat(ctx.values().keySet().stream().filter(k -> k.startsWith("__dj__words-")).count()).isEqualTo(2);
        assertThat(t.stats().get("num_words").asInt()).isEqualTo(4);
    }
}
