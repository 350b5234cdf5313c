package io.djflink.ops.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.ops.Filter;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** word_repetition_filter and words_num_filter. */
class WordFiltersTest {

    private static Filter filter(String op, Map<String, Object> args) {
        return (Filter) OpRegistry.get().factory(op).create(args);
    }

    private static double stat(Filter f, String text, String key) throws Exception {
        Sample s = Sample.ofText("text", text);
        f.computeStats(s, new SampleContext());
        return s.stats().get(key).asDouble();
    }

    @Test
    void wordRepRatioIsShareOfNgramOccurrencesThatRepeat() {
        // bigrams: "a b" x2, "b c", "c a" -> 2 of 4
        assertThat(WordRepetitionFilter.ratio(List.of("a", "b", "c", "a", "b"), 2, new NgramCounter())).isEqualTo(0.5);
    }

    @Test
    void wordRepRatioLowerCasesAndStripsSpecialCharacters() throws Exception {
        Filter f = filter("word_repetition_filter", Map.of("rep_len", 2));
        // refined: hello world hello world -> "hello world" x2, "world hello" x1
        assertThat(stat(f, "Hello, world! «hello» WORLD", "word_rep_ratio")).isEqualTo(2.0 / 3);
    }

    @Test
    void wordRepRatioOfFewerWordsThanRepLenIsZero() throws Exception {
        assertThat(stat(filter("word_repetition_filter", Map.of()), "a a a a", "word_rep_ratio")).isEqualTo(0.0);
    }

    @Test
    void numWordsStripsSpecialCharactersButKeepsCase() throws Exception {
        Filter f = filter("words_num_filter", Map.of());
        Sample s = Sample.ofText("text", "Hello , world !! 😊 OK\tyes\nno");
        f.computeStats(s, new SampleContext());
        assertThat(s.stats().get("num_words").isInt()).isTrue();
        assertThat(s.stats().get("num_words").asInt()).isEqualTo(5);
    }

    @Test
    void numWordsDefaultsKeepTenOrMoreWords() throws Exception {
        Filter f = filter("words_num_filter", Map.of());
        Sample nine = Sample.ofText("text", "w ".repeat(9));
        Sample ten = Sample.ofText("text", "w ".repeat(10));
        f.computeStats(nine, new SampleContext());
        f.computeStats(ten, new SampleContext());
        assertThat(f.keep(nine)).isFalse();
        assertThat(f.keep(ten)).isTrue();
    }

    @Test
    void fusedWordFiltersSplitTheTextOnce() throws Exception {
        SampleContext ctx = new SampleContext();
        Sample s = Sample.ofText("text", "One two three");
        filter("word_repetition_filter", Map.of()).computeStats(s, ctx);
        Object words = ctx.values().get(Words.WORDS_CONTEXT);
        filter("words_num_filter", Map.of()).computeStats(s, ctx);
        assertThat(ctx.values().get(Words.WORDS_CONTEXT)).isSameAs(words);
        assertThat(ctx.values()).containsKeys(Words.WORDS_CONTEXT, Words.REFINED_LOWER_STRIPPED_CONTEXT);
        assertThat(ctx.values().get(Words.REFINED_LOWER_STRIPPED_CONTEXT)).isEqualTo(List.of("one", "two", "three"));
    }

    @Test
    void existingStatIsNotRecomputed() throws Exception {
        Filter f = filter("words_num_filter", Map.of());
        Sample s = Sample.parse("{\"text\": \"a b c\", \"__dj__stats__\": {\"num_words\": 42}}");
        f.computeStats(s, new SampleContext());
        assertThat(s.stats().get("num_words").asInt()).isEqualTo(42);
    }
}
