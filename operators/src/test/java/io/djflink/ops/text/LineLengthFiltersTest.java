package io.djflink.ops.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.ops.Filter;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** average_line_length_filter and maximum_line_length_filter. */
class LineLengthFiltersTest {

    private static Sample run(String op, String text, SampleContext ctx) throws Exception {
        Sample s = Sample.ofText("text", text);
        ((Filter) OpRegistry.get().factory(op).create(Map.of())).computeStats(s, ctx);
        return s;
    }

    @Test
    void averageIsTextCodePointsOverPythonSplitlinesCount() throws Exception {
        // lines a, bb, ccc (\r\n and U+2028 break lines); 9 code points including the breaks
        Sample s = run("average_line_length_filter", "a\r\nbb\u2028ccc", new SampleContext());
        assertThat(s.stats().get("avg_line_length").asDouble()).isEqualTo(3.0);
    }

    @Test
    void averageOfEmptyTextIsZero() throws Exception {
        assertThat(run("average_line_length_filter", "", new SampleContext()).stats().get("avg_line_length").asDouble())
                .isEqualTo(0.0);
    }

    @Test
    void maximumCountsCodePoints() throws Exception {
        Sample s = run("maximum_line_length_filter", "😊😊😊😊\nabc\n", new SampleContext());
        assertThat(s.stats().get("max_line_length").isInt()).isTrue();
        assertThat(s.stats().get("max_line_length").asInt()).isEqualTo(4);
    }

    @Test
    void maximumOfEmptyTextIsZero() throws Exception {
        assertThat(run("maximum_line_length_filter", "", new SampleContext()).stats().get("max_line_length").asInt())
                .isZero();
    }

    @Test
    void fusedLineFiltersSplitTheTextOnce() throws Exception {
        SampleContext ctx = new SampleContext();
        Sample s = Sample.ofText("text", "first line\nsecond line");
        ((Filter) OpRegistry.get().factory("average_line_length_filter").create(Map.of())).computeStats(s, ctx);
        Object lines = ctx.values().get("__dj__lines");
        ((Filter) OpRegistry.get().factory("maximum_line_length_filter").create(Map.of())).computeStats(s, ctx);
        assertThat(ctx.values().get("__dj__lines")).isSameAs(lines);
        assertThat(s.stats().get("max_line_length").asInt()).isEqualTo(11);
    }
}
