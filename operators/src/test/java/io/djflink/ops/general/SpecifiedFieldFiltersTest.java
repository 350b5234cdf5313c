package io.djflink.ops.general;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.ops.Filter;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** specified_field_filter and specified_numeric_field_filter. */
class SpecifiedFieldFiltersTest {

    private static boolean keeps(String op, Map<String, Object> args, String json) throws Exception {
        Filter f = (Filter) OpRegistry.get().factory(op).create(args);
        Sample s = Sample.parse(json);
        f.computeStats(s, new SampleContext());
        return f.keep(s);
    }

    @Test
    void fieldValueIsCopiedIntoStats() throws Exception {
        Filter f = (Filter) OpRegistry.get().factory("specified_field_filter")
                .create(Map.of("field_key", "meta.lang", "target_value", List.of("en")));
        Sample s = Sample.parse("{\"text\": \"t\", \"meta\": {\"lang\": \"en\"}}");
        f.computeStats(s, new SampleContext());
        assertThat(s.stats().get("meta.lang").asText()).isEqualTo("en");
        assertThat(f.statKeys()).containsExactly("meta.lang");
    }

    @Test
    void targetNumbersCompareByValueAsInPython() throws Exception {
        Map<String, Object> args = Map.of("field_key", "meta.star", "target_value", List.of(50));
        assertThat(keeps("specified_field_filter", args, "{\"meta\": {\"star\": 50.0}}")).isTrue();
        assertThat(keeps("specified_field_filter", args, "{\"meta\": {\"star\": \"50\"}}")).isFalse();
    }

    @Test
    void reversedRangeKeepsValuesOutsideTheTargets() throws Exception {
        Map<String, Object> args = Map.of("field_key", "meta.lang", "target_value", List.of("en"), "reversed_range", true);
        assertThat(keeps("specified_field_filter", args, "{\"meta\": {\"lang\": \"en\"}}")).isFalse();
        assertThat(keeps("specified_field_filter", args, "{\"meta\": {\"lang\": \"fr\"}}")).isTrue();
    }

    @Test
    void emptyTargetValueKeepsEverySample() throws Exception {
        assertThat(keeps("specified_field_filter", Map.of("field_key", "meta.lang"), "{\"meta\": {\"lang\": \"xx\"}}"))
                .isTrue();
    }

    @Test
    void numericStringsParseAsPythonFloat() throws Exception {
        Map<String, Object> args = Map.of("field_key", "n", "min_value", 10, "max_value", 70);
        assertThat(keeps("specified_numeric_field_filter", args, "{\"n\": \" 1_2.5 \"}")).isTrue();
        assertThat(keeps("specified_numeric_field_filter", args, "{\"n\": \"12abc\"}")).isFalse();
    }

    @Test
    void zeroIsDroppedEvenInsideTheRangeAsInDataJuicer() throws Exception {
        Map<String, Object> args = Map.of("field_key", "n", "min_value", -5, "max_value", 5);
        assertThat(keeps("specified_numeric_field_filter", args, "{\"n\": 0}")).isFalse();
        assertThat(keeps("specified_numeric_field_filter", args, "{\"n\": 1}")).isTrue();
    }

    @Test
    void numericBoundsHonourReversedRange() throws Exception {
        Map<String, Object> args = Map.of("field_key", "n", "min_value", 10, "max_value", 70, "reversed_range", true);
        assertThat(keeps("specified_numeric_field_filter", args, "{\"n\": 50}")).isFalse();
        assertThat(keeps("specified_numeric_field_filter", args, "{\"n\": 80}")).isTrue();
        assertThat(keeps("specified_numeric_field_filter", args, "{\"n\": \"x\"}")).isFalse();
    }

    @Test
    void numericDefaultsAreMinusAndPlusSysMaxsize() {
        List<ParamSpec> params = OpRegistry.get().factory("specified_numeric_field_filter").params();
        assertThat(params.stream().filter(p -> p.name().equals("min_value")).findFirst().orElseThrow().defaultDisplay())
                .isEqualTo("-sys.maxsize");
        assertThat(params.stream().filter(p -> p.name().equals("max_value")).findFirst().orElseThrow().defaultDisplay())
                .isEqualTo("sys.maxsize");
    }

    @Test
    void numericListValueIsAnError() {
        assertThatThrownBy(() -> keeps("specified_numeric_field_filter", Map.of("field_key", "n"), "{\"n\": [1]}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyFieldKeyKeepsEverySampleAndWritesNoStat() throws Exception {
        Filter f = (Filter) OpRegistry.get().factory("specified_numeric_field_filter").create(Map.of());
        Sample s = Sample.parse("{\"text\": \"t\"}");
        f.computeStats(s, new SampleContext());
        assertThat(f.keep(s)).isTrue();
        assertThat(s.stats().size()).isZero();
    }
}
