package io.djflink.ops.general;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.ops.Filter;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuffixFilterTest {

    private static Filter filter(Map<String, Object> args) {
        return (Filter) OpRegistry.get().factory("suffix_filter").create(args);
    }

    private static Sample withSuffix(String suffix) {
        return Sample.parse("{\"text\": \"t\", \"__dj__suffix__\": \"" + suffix + "\"}");
    }

    @Test
    void keepsOnlyListedSuffixes() {
        Filter f = filter(Map.of("suffixes", List.of(".txt", ".pdf")));
        assertThat(f.keep(withSuffix(".txt"))).isTrue();
        assertThat(f.keep(withSuffix(".docx"))).isFalse();
    }

    @Test
    void acceptsASingleSuffixString() {
        Filter f = filter(Map.of("suffixes", ".md"));
        assertThat(f.keep(withSuffix(".md"))).isTrue();
        assertThat(f.keep(withSuffix(".txt"))).isFalse();
    }

    @Test
    void writesNoStats() throws Exception {
        Filter f = filter(Map.of("suffixes", List.of(".txt")));
        Sample s = withSuffix(".txt");
        f.computeStats(s, new SampleContext());
        f.keep(s);
        assertThat(s.root().has(Sample.STATS)).isFalse();
        assertThat(f.statKeys()).isEmpty();
    }

    @Test
    void reversedRangeKeepsTheOtherSuffixes() {
        Filter f = filter(Map.of("suffixes", List.of(".txt"), "reversed_range", true));
        assertThat(f.keep(withSuffix(".txt"))).isFalse();
        assertThat(f.keep(withSuffix(".py"))).isTrue();
    }

    @Test
    void emptyOrNullSuffixesKeepEverySample() {
        assertThat(filter(Map.of()).keep(Sample.ofText("text", "no suffix field"))).isTrue();
        java.util.Map<String, Object> nullArgs = new java.util.HashMap<>();
        nullArgs.put("suffixes", null);
        assertThat(filter(nullArgs).keep(withSuffix(".py"))).isTrue();
    }

    @Test
    void missingSuffixFieldIsAnError() {
        Filter f = filter(Map.of("suffixes", List.of(".txt")));
        assertThatThrownBy(() -> f.keep(Sample.ofText("text", "t")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("__dj__suffix__");
    }
}
