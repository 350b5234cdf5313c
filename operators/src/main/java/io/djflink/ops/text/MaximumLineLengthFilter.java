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
 * Keeps samples whose longest line ({@code max_line_length}, in code points, lines as Python's
 * {@code str.splitlines()} cuts them, 0 for a text without lines) lies in [min_len, max_len].
 * The lines are shared with the other line filters through the sample context
 * ({@code __dj__lines}).
 */
public final class MaximumLineLengthFilter extends StatRangeFilter {
    static final String STAT = "max_line_length";

    MaximumLineLengthFilter(Params p) {
        super(p, STAT, "min_len", "max_len");
    }

    @Override
    public void computeStats(Sample sample, SampleContext ctx) {
        if (sample.hasStat(STAT)) {
            return;
        }
        String text = requireText(sample);
        int max = 0;
        for (String line : Lines.of(text, ctx)) {
            // A line can only beat the maximum if its UTF-16 length does.
            if (line.length() > max) {
                max = Math.max(max, line.codePointCount(0, line.length()));
            }
        }
        sample.stats().put(STAT, max);
    }

    /** Registers {@code maximum_line_length_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "maximum_line_length_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose longest line (code points) is in [min_len, max_len]";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("min_len", ParamType.INT, 10L, "minimum length of the longest line").allowNull(),
                    ParamSpec.of("max_len", ParamType.INT, Long.MAX_VALUE, "maximum length of the longest line").allowNull());
        }

        @Override
        public Op create(Params p) {
            return new MaximumLineLengthFilter(p);
        }
    }
}
