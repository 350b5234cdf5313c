package io.djflink.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DJ's {@code get_keep_boolean(val, lo, hi)} (ops.md, "Conventions"): {@code lo <= v} (or {@code <}
 * when the min is open) and {@code v <= hi} (or {@code <}); None bounds are skipped;
 * {@code reversed_range} flips both closures and negates the result. Exercised through
 * text_length_filter with the stat already present, lo = 10, hi = 20.
 */
class BaseFilterRangeTest {

    private static Filter filter(Long min, Long max, boolean minClosed, boolean maxClosed, boolean reversed) {
        Map<String, Object> args = new HashMap<>();
        args.put("min_len", min);
        args.put("max_len", max);
        args.put("min_closed_interval", minClosed);
        args.put("max_closed_interval", maxClosed);
        args.put("reversed_range", reversed);
        return (Filter) OpRegistry.get().factory("text_length_filter").create(args);
    }

    private static boolean keeps(Filter f, long value) {
        Sample s = Sample.parse("{\"text\":\"unused\"}");
        s.stats().put("text_len", value);
        return f.keep(s);
    }

    // Truth table written from the definition: effective closures after reversed_range flips them,
    // then the range test, then the negation when reversed.
    //  minClosed maxClosed reversed | v=5   v=10  v=15  v=20  v=25
    @ParameterizedTest(name = "min_closed={0} max_closed={1} reversed={2}")
    @CsvSource({
        "true,  true,  false, false, true,  true,  true,  false", // [10, 20]
        "false, true,  false, false, false, true,  true,  false", // (10, 20]
        "true,  false, false, false, true,  true,  false, false", // [10, 20)
        "false, false, false, false, false, true,  false, false", // (10, 20)
        "true,  true,  true,  true,  true,  false, true,  true",  // not (10, 20)
        "false, true,  true,  true,  false, false, true,  true",  // not [10, 20)
        "true,  false, true,  true,  true,  false, false, true",  // not (10, 20]
        "false, false, true,  true,  false, false, false, true",  // not [10, 20]
    })
    void keepMatchesDjGetKeepBoolean(
            boolean minClosed, boolean maxClosed, boolean reversed,
            boolean at5, boolean at10, boolean at15, boolean at20, boolean at25) {
        Filter f = filter(10L, 20L, minClosed, maxClosed, reversed);

        assertThat(new boolean[] {keeps(f, 5), keeps(f, 10), keeps(f, 15), keeps(f, 20), keeps(f, 25)})
                .containsExactly(at5, at10, at15, at20, at25);
    }

    @ParameterizedTest(name = "min_closed={0} reversed={1}")
    @CsvSource({
        "true,  false, false, true,  true",
        "false, false, false, false, true",
        "true,  true,  true,  true,  false",
        "false, true,  true,  false, false",
    })
    void aNullMaxIsSkipped(boolean minClosed, boolean reversed, boolean at5, boolean at10, boolean at1000) {
        Filter f = filter(10L, null, minClosed, true, reversed);

        assertThat(new boolean[] {keeps(f, 5), keeps(f, 10), keeps(f, 1000)}).containsExactly(at5, at10, at1000);
    }

    @ParameterizedTest(name = "max_closed={0} reversed={1}")
    @CsvSource({
        "true,  false, true,  true,  false",
        "false, false, true,  false, false",
        "true,  true,  false, true,  true",
        "false, true,  false, false, true",
    })
    void aNullMinIsSkipped(boolean maxClosed, boolean reversed, boolean at0, boolean at20, boolean at25) {
        Filter f = filter(null, 20L, true, maxClosed, reversed);

        assertThat(new boolean[] {keeps(f, 0), keeps(f, 20), keeps(f, 25)}).containsExactly(at0, at20, at25);
    }

    @Test
    void bothBoundsNullKeepsEverything() {
        Filter f = filter(null, null, true, true, false);

        assertThat(keeps(f, 0)).isTrue();
        assertThat(keeps(f, Long.MAX_VALUE)).isTrue();
    }

    @Test
    void bothBoundsNullReversedDropsEverything() {
        // DJ: res_bool stays True, then reversed_range negates it.
        Filter f = filter(null, null, true, true, true);

        assertThat(keeps(f, 0)).isFalse();
        assertThat(keeps(f, 15)).isFalse();
    }

    @Test
    void defaultsAreInclusiveAndNotReversed() {
        Filter f = (Filter) OpRegistry.get().factory("text_length_filter").create(Map.of("min_len", 10L, "max_len", 20L));

        assertThat(new boolean[] {keeps(f, 9), keeps(f, 10), keeps(f, 20), keeps(f, 21)})
                .containsExactly(false, true, true, false);
    }

    @Test
    void computeStatsDoesNotRecomputeAnExistingStat() throws Exception {
        Filter f = filter(10L, 20L, true, true, false);
        Sample s = Sample.parse("{\"text\":\"short\",\"__dj__stats__\":{\"text_len\":15}}");

        f.computeStats(s, new SampleContext());

        assertThat(s.stats().get("text_len").asLong()).isEqualTo(15);
        assertThat(f.keep(s)).isTrue();
    }

    @Test
    void aNullExistingStatIsAnErrorNotAZero() throws Exception {
        Filter f = filter(null, 20L, true, true, false);
        Sample s = Sample.parse("{\"text\":\"abc\",\"__dj__stats__\":{\"text_len\":null}}");
        f.computeStats(s, new SampleContext());

        assertThatThrownBy(() -> f.keep(s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stat 'text_len' is null, not a number");
    }

    @Test
    void aNonNumericExistingStatIsAnError() throws Exception {
        Filter f = filter(null, 20L, true, true, false);
        Sample s = Sample.parse("{\"text\":\"abc\",\"__dj__stats__\":{\"text_len\":\"5\"}}");
        f.computeStats(s, new SampleContext());

        assertThatThrownBy(() -> f.keep(s)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepWithoutComputedStatIsAnError() {
        Filter f = filter(null, 20L, true, true, false);

        assertThatThrownBy(() -> f.keep(Sample.ofText("text", "abc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stat 'text_len' is missing, not a number");
    }

    @Test
    void textLengthCountsCodePoints() throws Exception {
        Filter f = filter(null, null, true, true, false);
        Sample s = Sample.ofText("text", "a\uD83D\uDE00中");

        f.computeStats(s, new SampleContext());

        assertThat(s.stats().get("text_len").asLong()).isEqualTo(3);
    }
}
