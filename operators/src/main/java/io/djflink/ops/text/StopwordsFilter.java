package io.djflink.ops.text;

import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.Params;
import java.util.List;

/**
 * Keeps samples whose share of stop words ({@code stopwords_ratio}) lies in [min_ratio, max_ratio]: refined
 * words found in the {@code lang} list of Data-Juicer's {@code stopwords.json} in {@code stopwords_dir}, over all
 * refined words ({@link WordListFilter}).
 */
public final class StopwordsFilter extends WordListFilter {

    static final String STAT = "stopwords_ratio";

    StopwordsFilter(Params p) {
        super(p, STAT, "stopwords_dir", "stopwords.json");
    }

    /** Registers {@code stopwords_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "stopwords_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose share of stop words (from Data-Juicer's stopwords.json, given in stopwords_dir) is in [min_ratio, max_ratio]";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return WordListFilter.wordListParams("stopwords_dir", "stop words", 0.3, 1.0);
        }

        @Override
        public Op create(Params p) {
            return new StopwordsFilter(p);
        }
    }
}
