package io.djflink.ops.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.ops.Filter;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlphanumericFilterTest {

    private static double ratio(String text) throws Exception {
        Filter f = (Filter) OpRegistry.get().factory("alphanumeric_filter").create(Map.of());
        Sample s = Sample.ofText("text", text);
        f.computeStats(s, new SampleContext());
        return s.stats().get("alnum_ratio").asDouble();
    }

    @Test
    void lettersAndAllNumbersCountPerCodePoint() throws Exception {
        // a, 1, 中 (Lo) and ½ (No) are alphanumeric in Python; the emoji and '!' are not
        assertThat(ratio("a1😊中½!")).isEqualTo(4.0 / 6);
    }

    @Test
    void modifierLettersAndLetterNumbersCount() {
        assertThat(AlphanumericFilter.isAlnum(0x02B0)).isTrue(); // Lm
        assertThat(AlphanumericFilter.isAlnum(0x2160)).isTrue(); // Nl, roman numeral one
        assertThat(AlphanumericFilter.isAlnum(0x0301)).isFalse(); // combining mark
        assertThat(AlphanumericFilter.isAlnum('_')).isFalse();
    }

    @Test
    void emptyTextHasRatioZero() throws Exception {
        assertThat(ratio("")).isEqualTo(0.0);
    }

    @Test
    void defaultsKeepRatiosFromAQuarter() throws Exception {
        Filter f = (Filter) OpRegistry.get().factory("alphanumeric_filter").create(Map.of());
        Sample low = Sample.ofText("text", "a!!!!");
        Sample high = Sample.ofText("text", "ab!!!");
        f.computeStats(low, new SampleContext());
        f.computeStats(high, new SampleContext());
        assertThat(f.keep(low)).isFalse();
        assertThat(f.keep(high)).isTrue();
    }
}
