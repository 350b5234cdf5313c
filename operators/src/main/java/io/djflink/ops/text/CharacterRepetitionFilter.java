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
import java.util.Arrays;
import java.util.List;

/**
 * Keeps samples whose character repetition ratio ({@code char_rep_ratio}) lies in
 * [min_ratio, max_ratio]. All overlapping n-grams of rep_len code points are counted; with d
 * distinct n-grams of which s occur once, the k = min(floor(sqrt(d)), d - s) most frequent
 * n-grams' share of all n-grams is the ratio (0 when the text is shorter than rep_len).
 */
public final class CharacterRepetitionFilter extends StatRangeFilter {
    static final String STAT = "char_rep_ratio";

    private final int n;
    private final NgramCounter counter = new NgramCounter();

    CharacterRepetitionFilter(Params p) {
        super(p, STAT, "min_ratio", "max_ratio");
        this.n = Math.toIntExact(p.integer("rep_len"));
    }

    /** The ratio for one text. */
    static double ratio(String text, int n, NgramCounter counter) {
        int len = counter.codePoints(text);
        int total = counter.count(counter.sequence(), len, n);
        int distinct = counter.distinct();
        if (distinct == 0) {
            return 0.0;
        }
        int[] freq = counter.counts();
        int repeated = 0;
        for (int i = 0; i < distinct; i++) {
            if (freq[i] > 1) {
                freq[repeated++] = freq[i];
            }
        }
        int k = Math.min((int) Math.sqrt(distinct), repeated);
        // The k most frequent n-grams all repeat (k <= repeated), so only repeats need sorting.
        Arrays.sort(freq, 0, repeated);
        long top = 0;
        for (int i = repeated - k; i < repeated; i++) {
            top += freq[i];
        }
        return (double) top / total;
    }

    @Override
    public void computeStats(Sample sample, SampleContext ctx) {
        if (sample.hasStat(STAT)) {
            return;
        }
        sample.stats().put(STAT, ratio(requireText(sample), n, counter));
    }

    /** Registers {@code character_repetition_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "character_repetition_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose character n-gram repetition ratio is in [min_ratio, max_ratio]";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("rep_len", ParamType.INT, 10L, "n-gram length in characters")
                            .range(1.0, (double) Integer.MAX_VALUE),
                    ParamSpec.of("min_ratio", ParamType.FLOAT, 0.0, "minimum repetition ratio").allowNull(),
                    ParamSpec.of("max_ratio", ParamType.FLOAT, 0.5, "maximum repetition ratio").allowNull());
        }

        @Override
        public Op create(Params p) {
            return new CharacterRepetitionFilter(p);
        }
    }
}
