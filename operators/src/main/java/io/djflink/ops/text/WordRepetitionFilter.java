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
 * Keeps samples whose word repetition ratio ({@code word_rep_ratio}) lies in
 * [min_ratio, max_ratio]. Words are split on space, newline and tab, lower-cased and stripped of
 * special characters at both ends (empties dropped); among the overlapping n-grams of rep_len
 * words, the ratio is the share of n-gram occurrences whose n-gram occurs more than once
 * (0 when there are fewer than rep_len words). Raw and refined words are shared with other word
 * filters through the sample context.
 */
public final class WordRepetitionFilter extends StatRangeFilter {
    static final String STAT = "word_rep_ratio";

    private final int n;
    private final NgramCounter counter = new NgramCounter();

    WordRepetitionFilter(Params p) {
        super(p, STAT, "min_ratio", "max_ratio");
        Tokenization.check(p, "sentencepiece model");
        this.n = Math.toIntExact(p.integer("rep_len"));
    }

    /** The ratio for refined words. */
    static double ratio(List<String> words, int n, NgramCounter counter) {
        int size = words.size();
        if (size < n) {
            return 0.0;
        }
        // Words never contain a space, so n-grams joined by spaces are equal exactly when their
        // word sequences are: count sequences of words instead of building joined strings.
        int[] seq = counter.sequenceBuffer(size);
        for (int i = 0; i < size; i++) {
            seq[i] = words.get(i).hashCode();
        }
        int total = counter.count(seq, size, n, words);
        int[] freq = counter.counts();
        long repeated = 0;
        for (int i = 0, d = counter.distinct(); i < d; i++) {
            if (freq[i] > 1) {
                repeated += freq[i];
            }
        }
        return (double) repeated / total;
    }

    @Override
    public void computeStats(Sample sample, SampleContext ctx) {
        if (sample.hasStat(STAT)) {
            return;
        }
        String text = requireText(sample);
        List<String> words = ctx.derive(Words.WORDS_CONTEXT, text, Words::fromDocument);
        List<String> refined =
                ctx.derive(Words.REFINED_LOWER_STRIPPED_CONTEXT, words, w -> Words.refine(w, true, true));
        sample.stats().put(STAT, ratio(refined, n, counter));
    }

    /** Registers {@code word_repetition_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "word_repetition_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose word n-gram repetition ratio is in [min_ratio, max_ratio]";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("lang", ParamType.STRING, "en", "language of the sentencepiece model used with tokenization"),
                    ParamSpec.of("tokenization", ParamType.BOOL, false, "split words with a sentencepiece model (needs a model)"),
                    ParamSpec.of("rep_len", ParamType.INT, 10L, "n-gram length in words")
                            .range(1.0, (double) Integer.MAX_VALUE),
                    ParamSpec.of("min_ratio", ParamType.FLOAT, 0.0, "minimum repetition ratio").allowNull(),
                    ParamSpec.of("max_ratio", ParamType.FLOAT, 0.5, "maximum repetition ratio").allowNull(),
                    Tokenization.modelParam("sentencepiece model"));
        }

        @Override
        public Op create(Params p) {
            return new WordRepetitionFilter(p);
        }
    }
}
