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

/** Keeps samples whose text length in code points ({@code text_len}) is within [min_len, max_len]. */
public final class TextLengthFilter extends StatRangeFilter {
    static final String STAT = "text_len";

    TextLengthFilter(Params p) {
        super(p, STAT, "min_len", "max_len");
    }

    @Override
    public void computeStats(Sample sample, SampleContext ctx) {
        if (sample.hasStat(STAT)) {
            return;
        }
        String text = requireText(sample);
        sample.stats().put(STAT, text.codePointCount(0, text.length()));
    }

    /** Registers {@code text_length_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "text_length_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose text length (code points) is in [min_len, max_len]";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("min_len", ParamType.INT, 10L, "minimum text length").allowNull(),
                    ParamSpec.of("max_len", ParamType.INT, Long.MAX_VALUE, "maximum text length").allowNull());
        }

        @Override
        public Op create(Params p) {
            return new TextLengthFilter(p);
        }
    }
}
