package io.djflink.ops.text;

import io.djflink.ops.ModelFile;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamException;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import io.djflink.ops.StatRangeFilter;
import io.djflink.ops.model.ArpaModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;

/**
 * Keeps samples whose perplexity ({@code perplexity}) under an n-gram language model lies in
 * [min_ppl, max_ppl], as Data-Juicer computes it: the text's sentencepiece pieces joined by
 * spaces, split into lines as Python's {@code splitlines()} splits; each line scored by KenLM
 * with {@code <s>} and {@code </s>} (log10), the scores summed; the length is the number of
 * whitespace-separated words of each line plus one; perplexity {@code 10^(-sum/length)} (0 for
 * a text without lines), rounded to one decimal as Python's {@code round} does.
 *
 * <p>Data-Juicer loads {@code <lang>.sp.model} and KenLM's binary {@code <lang>.arpa.bin} from
 * its asset directory, downloading them; djflink never downloads: {@code tokenizer_model} and
 * {@code arpa_model} (djflink extensions) name the sentencepiece model and the ARPA file (plain or
 * gzip; KenLM's binary format is not read). The pieces are shared with word filters that use the
 * same sentencepiece model.
 */
public final class PerplexityFilter extends StatRangeFilter {
    static final String STAT = "perplexity";

    private final WordSource source;
    private final Path arpa;
    private volatile ArpaModel lm;

    PerplexityFilter(Params p) {
        super(p, STAT, "min_ppl", "max_ppl");
        String lang = p.string("lang");
        for (String param : List.of("tokenizer_model", "arpa_model")) {
            if (p.isNull(param)) {
                throw new ParamException(param, "op " + p.op() + " needs " + param + ": the path of "
                        + (param.equals("arpa_model") ? "an ARPA language model (Data-Juicer uses " + lang
                                + ".arpa.bin; djflink reads the ARPA text, plain or .gz)"
                                : "a sentencepiece model (Data-Juicer uses " + lang + ".sp.model)")
                        + "; Data-Juicer downloads its models, djflink never does");
            }
        }
        this.source = WordSource.sentencepiece(ModelFile.require(p, "tokenizer_model", "sentencepiece model"));
        this.arpa = ModelFile.require(p, "arpa_model", "ARPA language model");
    }

    @Override
    public void open() throws IOException {
        source.open();
        if (lm == null) {
            lm = ArpaModel.shared(arpa);
        }
    }

    private ArpaModel lm() {
        if (lm == null) {
            try {
                open();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the language model " + arpa, e);
            }
        }
        return lm;
    }

    @Override
    public void computeStats(Sample sample, SampleContext ctx) {
        if (sample.hasStat(STAT)) {
            return;
        }
        List<String> words = source.words(requireText(sample), ctx);
        sample.stats().put(STAT, perplexity(String.join(" ", words), lm()));
    }

    /** The summed log10 line scores and the length Data-Juicer divides them by. */
    record Score(double logits, long length) {
        /** {@code round(10 ** (-logits / length), 1)}, 0 without length. */
        double perplexity() {
            return round1(length != 0 ? Math.pow(10.0, -logits / length) : 0.0);
        }
    }

    /** Data-Juicer's perplexity of already tokenized text (pieces joined by spaces). */
    static double perplexity(String text, ArpaModel lm) {
        return score(text, lm).perplexity();
    }

    static Score score(String text, ArpaModel lm) {
        double logits = 0;
        long length = 0;
        for (String line : PyStr.splitLines(text)) {
            logits += lm.score(line);
            length += pythonSplitCount(line) + 1;
        }
        return new Score(logits, length);
    }

    /** {@code len(line.split())}: runs of Python whitespace (Unicode, wider than KenLM's ASCII split). */
    static int pythonSplitCount(String line) {
        int count = 0;
        boolean in = false;
        for (int i = 0; i < line.length(); i++) {
            boolean space = PyStr.isSpace(line.charAt(i));
            if (!space && !in) {
                count++;
            }
            in = !space;
        }
        return count;
    }

    /** Python's {@code round(x, 1)}: the exact binary value rounded half to even. */
    static double round1(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        return new BigDecimal(x).setScale(1, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** Registers {@code perplexity_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "perplexity_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose perplexity under an n-gram language model (ARPA, scored as KenLM does) "
                    + "over their sentencepiece pieces is in [min_ppl, max_ppl]; the models are files given by "
                    + "tokenizer_model and arpa_model, never downloaded";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("lang", ParamType.STRING, "en",
                            "language of the models (Data-Juicer picks its models {lang}.sp.model and {lang}.arpa.bin by it)"),
                    ParamSpec.of("min_ppl", ParamType.FLOAT, 0.0, "minimum perplexity").allowNull(),
                    ParamSpec.of("max_ppl", ParamType.FLOAT, 1500.0, "maximum perplexity").allowNull(),
                    ParamSpec.of("tokenizer_model", ParamType.STRING, null,
                            "djflink extension: path of the sentencepiece model (Data-Juicer's {lang}.sp.model)"),
                    ParamSpec.of("arpa_model", ParamType.STRING, null,
                            "djflink extension: path of the ARPA language model, plain or .gz (the ARPA text of "
                                    + "Data-Juicer's {lang}.arpa.bin; KenLM's binary format is not read)"));
        }

        @Override
        public Op create(Params p) {
            return new PerplexityFilter(p);
        }
    }
}
