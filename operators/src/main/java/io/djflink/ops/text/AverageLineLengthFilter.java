package io.djflink.ops.text;

import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import io.djflink.ops.StatRangeFilter;
import java.util.List;

/**
 * Keeps samples whose average line length ({@code avg_line_length}) lies in [min_len, max_len]:
 * the text's length in code points divided by its number of lines as Python's
 * {@code str.splitlines()} counts them, 0 for a text without lines. The lines are shared with
 * the other line filters through the sample context ({@code __dj__lines}).
 */
public final class AverageLineLengthFilter extends StatRangeFilter {
    static final String STAT = "avg_line_length";

    AverageLineLengthFilter(Params p) {
        super(p, STAT, "min_len", "max_len");
    }

    @Override
    public void computeStats(Sample sample, SampleContext ctx) {
        if (sample.hasStat(STAT)) {
            return;
        }
        String text = requireText(sample);
        int lines = Lines.of(text, ctx).size();
        double avg = lines == 0 ? 0.0 : (double) text.codePointCount(0, text.length()) / lines;
        sample.stats().put(STAT, avg);
    }

    /** Registers {@code average_line_length_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "average_line_length_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose average line length (code points) is in [min_len, max_len]";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("min_len", ParamType.INT, 10L, "minimum average line length").allowNull(),
                    ParamSpec.of("max_len", ParamType.INT, Long.MAX_VALUE, "maximum average line length").allowNull());
        }

        @Override
        public Op create(Params p) {
            return new AverageLineLengthFilter(p);
        }
    }
}
