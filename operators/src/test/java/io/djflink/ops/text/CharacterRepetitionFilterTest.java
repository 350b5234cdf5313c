package io.djflink.ops.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.ops.Filter;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CharacterRepetitionFilterTest {

    @Test
    void ratioIsTopSqrtDistinctRepeatedNgramsOverAll() {
        // bigrams: aa x4, ab x1 -> k = min(floor(sqrt(2)), 2 - 1) = 1 -> 4 / 5
        assertThat(CharacterRepetitionFilter.ratio("aaaaab", 2, new NgramCounter())).isEqualTo(0.8);
    }

    @Test
    void ngramsAreCodePointsNotUtf16Units() {
        // three identical emoji bigrams; counted by char there would be two kinds of 7 bigrams
        assertThat(CharacterRepetitionFilter.ratio("😊😊😊😊", 2, new NgramCounter())).isEqualTo(1.0);
    }

    @Test
    void noRepeatedNgramGivesZero() {
        assertThat(CharacterRepetitionFilter.ratio("abcdef", 2, new NgramCounter())).isEqualTo(0.0);
    }

    @Test
    void textShorterThanRepLenGivesZero() {
        assertThat(CharacterRepetitionFilter.ratio("abc", 10, new NgramCounter())).isEqualTo(0.0);
    }

    @Test
    void defaultsKeepRatiosUpToOneHalf() throws Exception {
        Filter f = (Filter) OpRegistry.get().factory("character_repetition_filter").create(Map.of());
        Sample s = Sample.ofText("text", "x".repeat(30));
        f.computeStats(s, new SampleContext());
        assertThat(s.stats().get("char_rep_ratio").asDouble()).isEqualTo(1.0);
        assertThat(f.keep(s)).isFalse();
    }

    @Test
    void missingTextIsAnError() {
        Filter f = (Filter) OpRegistry.get().factory("character_repetition_filter").create(Map.of());
        Sample s = Sample.parse("{\"content\": \"abc\"}");
        assertThatThrownBy(() -> f.computeStats(s, new SampleContext()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text");
    }
}
