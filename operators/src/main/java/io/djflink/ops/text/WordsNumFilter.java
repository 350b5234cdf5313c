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
import java.util.List;

/**
 * Keeps samples whose number of words ({@code num_words}) lies in [min_num, max_num]. Words are
 * split on space, newline and tab (or, with tokenization, are the pieces of a sentencepiece
 * model) and stripped of special characters at both ends; words left empty do not count. Case is
 * kept. The raw words are shared with other word filters through the sample context.
 */
public final class WordsNumFilter extends StatRangeFilter {
    static final String STAT = "num_words";

    private final WordSource source;

    WordsNumFilter(Params p) {
        super(p, STAT, "min_num", "max_num");
        this.source = WordSource.of(p);
    }

    @Override
    public void open() throws IOException {
        source.open();
    }

    @Override
    public void computeStats(Sample sample, SampleContext ctx) {
        if (sample.hasStat(STAT)) {
            return;
        }
        String text = requireText(sample);
        int count = 0;
        // Only the count matters, so the stripped words are never built.
        for (String w : source.words(text, ctx)) {
            if (!SpecialCharacters.allSpecial(w)) {
                count++;
            }
        }
        sample.stats().put(STAT, count);
    }

    /** Registers {@code words_num_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "words_num_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose number of words is in [min_num, max_num]";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("lang", ParamType.STRING, "en", "language of the sentencepiece model used with tokenization"),
                    ParamSpec.of("tokenization", ParamType.BOOL, false, "split words with a sentencepiece model (needs tokenizer_model)"),
                    ParamSpec.of("min_num", ParamType.INT, 10L, "minimum number of words").allowNull(),
                    ParamSpec.of("max_num", ParamType.INT, Long.MAX_VALUE, "maximum number of words").allowNull(),
                    Tokenization.modelParam("sentencepiece model"));
        }

        @Override
        public Op create(Params p) {
            return new WordsNumFilter(p);
        }
    }
}
