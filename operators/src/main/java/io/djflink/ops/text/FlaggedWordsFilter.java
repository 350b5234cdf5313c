package io.djflink.ops.text;

import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.Params;
import java.util.List;

/**
 * Keeps samples whose share of flagged words ({@code flagged_words_ratio}) lies in [min_ratio, max_ratio]: refined
 * words found in the {@code lang} list of Data-Juicer's {@code flagged_words.json} in {@code flagged_words_dir}, over all
 * refined words ({@link WordListFilter}).
 */
public final class FlaggedWordsFilter extends WordListFilter {

    static final String STAT = "flagged_words_ratio";

    FlaggedWordsFilter(Params p) {
        super(p, STAT, "flagged_words_dir", "flagged_words.json");
    }

    /** Registers {@code flagged_words_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "flagged_words_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose share of flagged words (from Data-Juicer's flagged_words.json, given in flagged_words_dir) is in [min_ratio, max_ratio]";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return WordListFilter.wordListParams("flagged_words_dir", "flagged words", 0.0, 0.045);
        }

        @Override
        public Op create(Params p) {
            return new FlaggedWordsFilter(p);
        }
    }
}
