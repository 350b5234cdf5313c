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
 * Keeps samples whose share of special characters ({@code special_char_ratio}: code points in
 * {@link SpecialCharacters} over all code points, 0 for an empty text) lies in
 * [min_ratio, max_ratio].
 */
public final class SpecialCharactersFilter extends StatRangeFilter {
    static final String STAT = "special_char_ratio";

    SpecialCharactersFilter(Params p) {
        super(p, STAT, "min_ratio", "max_ratio");
    }

    /** The ratio for one text. */
    static double ratio(String text) {
        int len = 0;
        int special = 0;
        for (int i = 0, n = text.length(); i < n; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            len++;
            if (SpecialCharacters.contains(cp)) {
                special++;
            }
        }
        return len == 0 ? 0.0 : (double) special / len;
    }

    @Override
    public void computeStats(Sample sample, SampleContext ctx) {
        if (sample.hasStat(STAT)) {
            return;
        }
        sample.stats().put(STAT, ratio(requireText(sample)));
    }

    /** Registers {@code special_characters_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "special_characters_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose share of special characters (punctuation, digits, whitespace, emoji...) is in [min_ratio, max_ratio]";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("min_ratio", ParamType.FLOAT, 0.0, "minimum special-character ratio").allowNull(),
                    ParamSpec.of("max_ratio", ParamType.FLOAT, 0.25, "maximum special-character ratio").allowNull());
        }

        @Override
        public Op create(Params p) {
            return new SpecialCharactersFilter(p);
        }
    }
}
