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
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps samples whose word repetition ratio ({@code word_rep_ratio}) lies in
 * [min_ratio, max_ratio]. Words are split on space, newline and tab (or, with tokenization, are
 * the pieces of a sentencepiece model), lower-cased and stripped of
 * special characters at both ends (empties dropped); among the overlapping n-grams of rep_len
 * words, the ratio is the share of n-gram occurrences whose n-gram occurs more than once
 * (0 when there are fewer than rep_len words). Raw and refined words are shared with other word
 * filters through the sample context.
 */
public final class WordRepetitionFilter extends StatRangeFilter {
    static final String STAT = "word_rep_ratio";

    private final int n;
    private final NgramCounter counter = new NgramCounter();
    private final WordSource source;

    WordRepetitionFilter(Params p) {
        super(p, STAT, "min_ratio", "max_ratio");
        this.source = WordSource.of(p);
        this.n = Math.toIntExact(p.integer("rep_len"));
    }

    @Override
    public void open() throws IOException {
        source.open();
    }

    /** The ratio for refined words. */
    static double ratio(List<String> words, int n, NgramCounter counter) {
        int size = words.size();
        if (size < n) {
            return 0.0;
        }
        for (String w : words) {
            if (w.indexOf(' ') >= 0) {
                return ratioOfJoined(words, n);
            }
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

    /**
     * The ratio over n-grams joined by spaces, as Data-Juicer counts them, for words that hold a
     * space themselves (pieces of a model that does not escape whitespace), where different word
     * sequences can join to the same string.
     */
    private static double ratioOfJoined(List<String> words, int n) {
        Map<String, Integer> freq = new HashMap<>();
        int total = words.size() - n + 1;
        for (int i = 0; i < total; i++) {
            freq.merge(String.join(" ", words.subList(i, i + n)), 1, Integer::sum);
        }
        long repeated = 0;
        for (int c : freq.values()) {
            if (c > 1) {
                repeated += c;
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
        sample.stats().put(STAT, ratio(source.refinedLowerStripped(text, ctx), n, counter));
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
                    ParamSpec.of("tokenization", ParamType.BOOL, false, "split words with a sentencepiece model (needs tokenizer_model)"),
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
