package io.djflink.ops.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.recipe.OpConfig;
import io.djflink.recipe.RecipeLoader;
import io.djflink.recipe.RecipeValidator;
import io.djflink.run.LocalRunner;
import io.djflink.run.Plan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The new ops run together from a recipe through the fused chain. */
class FusedTextOpsTest {

    private static final String RECIPE = String.join("\n",
            "project_name: fused",
            "process:",
            "  - remove_long_words_mapper:",
            "      max_len: 12",
            "  - words_num_filter:",
            "      min_num: 3",
            "  - word_repetition_filter:",
            "      rep_len: 2",
            "  - average_line_length_filter:",
            "      min_len: 5",
            "  - maximum_line_length_filter:",
            "      min_len: 5",
            "  - special_characters_filter: {}",
            "  - alphanumeric_filter: {}",
            "  - character_repetition_filter: {}",
            "");

    @Test
    void filtersSeeTheTextTheMapperProduced() throws Exception {
        List<OpConfig> ops = RecipeValidator.validate(RecipeLoader.parse("fused.yaml", RECIPE), OpRegistry.get(), false);
        LocalRunner runner = new LocalRunner(Plan.of(ops, OpRegistry.get()), OpRegistry.get());
        Sample good = Sample.ofText("text", "The quick brown fox jumps over the lazy dog");
        // only two words survive the mapper, so words_num_filter drops it
        Sample shortened = Sample.ofText("text", "Tiny text supercalifragilisticexpialidocious antidisestablishmentarianism");
        Sample repetitive = Sample.ofText("text", "la la la la la la la la");

        LocalRunner.Outcome out = runner.run(List.of(good, shortened, repetitive));

        assertThat(out.kept()).containsExactly(good);
        assertThat(good.stats().fieldNames()).toIterable().containsExactlyInAnyOrder(
                "num_words", "word_rep_ratio", "avg_line_length", "max_line_length",
                "special_char_ratio", "alnum_ratio", "char_rep_ratio");
        assertThat(out.filtered()).extracting(LocalRunner.Filtered::statKey)
                .containsExactly("num_words", "word_rep_ratio");
        assertThat(shortened.text("text")).isEqualTo("Tiny text");
        assertThat(out.errors()).isEmpty();
    }
}
