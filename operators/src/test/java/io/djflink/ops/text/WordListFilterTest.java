package io.djflink.ops.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.ops.Filter;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.ParamException;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import io.djflink.ops.model.SentencePieceModel;
import io.djflink.ops.model.SpModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** flagged_words_filter and stopwords_filter on word lists written by the test, in Data-Juicer's file format. */
class WordListFilterTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void lists() throws Exception {
        Files.writeString(dir.resolve("flagged_words.json"), "{\"en\": [\"bad\", \"worse\", \"ab\"], \"zh\": [\"坏\"]}");
        Files.writeString(dir.resolve("stopwords.json"), "{\"en\": [\"the\", \"and\", \"▁the\"], \"fr\": [\"le\"]}");
    }

    @Test
    void theRatioIsTheShareOfRefinedWordsInTheList() throws Exception {
        // refined: this is bad really bad worse -> 3 of 6
        assertThat(ratio("flagged_words_filter", Map.of(), "This is bad, really BAD! worse.")).isEqualTo(0.5);
        assertThat(ratio("stopwords_filter", Map.of(), "the cat and the dog")).isEqualTo(0.6);
        assertThat(ratio("flagged_words_filter", Map.of(), " ...  ")).as("no words").isEqualTo(0.0);
    }

    @Test
    void defaultBoundsAreDataJuicers() throws Exception {
        assertThat(keeps("flagged_words_filter", Map.of(), "This is bad, really BAD! worse.")).as("0.5 > 0.045").isFalse();
        assertThat(keeps("flagged_words_filter", Map.of(), "a fine sentence")).isTrue();
        assertThat(keeps("stopwords_filter", Map.of(), "the cat and the dog")).as("0.6 >= 0.3").isTrue();
        assertThat(keeps("stopwords_filter", Map.of(), "cats dogs birds")).isFalse();
    }

    @Test
    void langAllJoinsEveryListAndAnUnknownLangNamesTheListsThereAre() throws Exception {
        assertThat(ratio("flagged_words_filter", Map.of("lang", "all"), "坏 bad good")).isEqualTo(2.0 / 3);
        assertThat(ratio("flagged_words_filter", Map.of("lang", "zh"), "坏 bad good")).isEqualTo(1.0 / 3);
        assertThatThrownBy(() -> filter("flagged_words_filter", Map.of("lang", "de")))
                .isInstanceOf(ParamException.class).hasMessageContaining("[en, zh]");
    }

    @Test
    void augmentationAddsJoinedGroupsOfConsecutiveWords() throws Exception {
        assertThat(WordListFilter.augmented(List.of("a", "b", "c"), List.of(2, 3), "-"))
                .containsExactly("a", "b", "c", "a-b", "b-c", "a-b-c");
        // a b c + ab bc: "ab" is flagged, 1 of 5
        assertThat(ratio("flagged_words_filter", Map.of("use_words_aug", true), "a b c")).isEqualTo(0.2);
    }

    @Test
    void withoutAListDirectoryTheOpIsRefusedWhenBuilt() {
        assertThatThrownBy(() -> OpRegistry.get().factory("stopwords_filter").create(Map.of()))
                .isInstanceOf(ParamException.class).hasMessageContaining("stopwords_dir").hasMessageContaining("never downloads");
        assertThatThrownBy(() -> OpRegistry.get().factory("flagged_words_filter")
                        .create(Map.of("flagged_words_dir", dir.resolve("nowhere").toString())))
                .isInstanceOf(ParamException.class).hasMessageContaining("flagged_words.json");
    }

    @Test
    void tokenizationCountsTheSentencepiecePieces() throws Exception {
        String albert = SpModels.path(SpModels.ALBERT).toString();
        String text = "The cat and the dog sat on the mat.";
        List<String> refined = Words.refine(SentencePieceModel.shared(SpModels.path(SpModels.ALBERT)).encodeAsPieces(text), true, true);
        long hits = refined.stream().filter(w -> w.equals("▁the") || w.equals("the") || w.equals("and")).count();

        double r = ratio("stopwords_filter", Map.of("tokenization", true, "tokenizer_model", albert), text);
        assertThat(hits).isPositive();
        assertThat(r).isEqualTo((double) hits / refined.size());
        assertThat(r).as("pieces differ from whitespace words").isNotEqualTo(ratio("stopwords_filter", Map.of(), text));
    }

    private static double ratio(String op, Map<String, Object> args, String text) throws Exception {
        Filter f = filter(op, args);
        f.open();
        Sample s = Sample.ofText("text", text);
        f.computeStats(s, new SampleContext());
        return s.stats().get(op.equals("stopwords_filter") ? "stopwords_ratio" : "flagged_words_ratio").asDouble();
    }

    private static boolean keeps(String op, Map<String, Object> args, String text) throws Exception {
        Filter f = filter(op, args);
        Sample s = Sample.ofText("text", text);
        f.computeStats(s, new SampleContext());
        return f.keep(s);
    }

    private static Filter filter(String op, Map<String, Object> args) {
        Map<String, Object> a = new HashMap<>(args);
        a.putIfAbsent(op.equals("stopwords_filter") ? "stopwords_dir" : "flagged_words_dir", dir.toString());
        return (Filter) OpRegistry.get().factory(op).create(a);
    }
}
