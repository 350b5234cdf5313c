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
import io.djflink.ops.model.HfBpeTokenizer;
import java.io.IOException;
import java.util.List;

/**
 * Keeps samples whose number of tokens ({@code num_token}) lies in [min_num, max_num]. The
 * count is Data-Juicer's {@code len(tokenizer.tokenize(text))}: the tokens of the Hugging Face
 * tokenizer {@code hf_tokenizer}, without special tokens added.
 *
 * <p>Data-Juicer's default {@code hf_tokenizer}, EleutherAI/pythia-6.9b-deduped, tokenizes with
 * GPT-NeoX-20B's byte-level BPE tokenizer (every Pythia model does); djflink ships that
 * tokenizer.json ({@code models/gpt-neox-20b-tokenizer.json}, put in place at build time by
 * {@code tools/models/fetch-neox-tokenizer.sh}) and runs it in pure Java
 * ({@link HfBpeTokenizer}). Another byte-level BPE tokenizer is given as the path of its
 * tokenizer.json or of a directory holding one; a hub id of another tokenizer is refused when the
 * op is built, since djflink never downloads. All instances in a JVM share one loaded tokenizer.
 */
public final class TokenNumFilter extends StatRangeFilter {

    static final String STAT = "num_token";

    private final TokenCounter tokens;

    TokenNumFilter(Params p) {
        super(p, STAT, "min_num", "max_num");
        this.tokens = new TokenCounter(p, "hf_tokenizer", p.string("hf_tokenizer"));
    }

    @Override
    public void open() throws IOException {
        tokens.open();
    }

    @Override
    public void computeStats(Sample sample, SampleContext ctx) {
        if (sample.hasStat(STAT)) {
            return;
        }
        sample.stats().put(STAT, tokens.count(requireText(sample)));
    }

    /** Registers {@code token_num_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "token_num_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose number of tokens (num_token) of the Hugging Face tokenizer hf_tokenizer is in"
                    + " [min_num, max_num]; Data-Juicer's default EleutherAI/pythia-6.9b-deduped is GPT-NeoX-20B's"
                    + " tokenizer, which the build ships (models/gpt-neox-20b-tokenizer.json), never fetched at run time";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("hf_tokenizer", ParamType.STRING, HfTokenizers.DJ_DEFAULT,
                            "the Hugging Face tokenizer: " + HfTokenizers.DESCRIPTION),
                    ParamSpec.of("min_num", ParamType.INT, 10L, "minimum number of tokens").allowNull(),
                    ParamSpec.of("max_num", ParamType.INT, Long.MAX_VALUE, "maximum number of tokens").allowNull());
        }

        @Override
        public Op create(Params p) {
            return new TokenNumFilter(p);
        }
    }
}
