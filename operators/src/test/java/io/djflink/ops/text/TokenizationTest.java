package io.djflink.ops.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.ops.OpRegistry;
import io.djflink.ops.ParamException;
import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeException;
import io.djflink.recipe.RecipeLoader;
import io.djflink.recipe.RecipeValidator;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * tokenization: true of the sentencepiece word filters needs a model djflink cannot run yet; it
 * is refused when the op is built. (alphanumeric_filter's runs: TokenOpsTest.)
 */
class TokenizationTest {

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
    void tokenizationWithModelIsRefusedAsNotAvailableYet(String op) {
        assertThatThrownBy(() -> OpRegistry.get().factory(op)
                        .create(Map.of("tokenization", true, "tokenizer_model", "/models/en.sp.model")))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("not available in this build yet")
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
}
