package io.djflink.ops.text;

import io.djflink.ops.BaseFilter;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.io.IOException;
import java.util.List;

/**
 * Keeps samples whose share of alphanumeric code points ({@code alnum_ratio}) lies in
 * [min_ratio, max_ratio]. A code point counts when Python's {@code str.isalnum()} holds for it,
 * i.e. its general category is a letter (L*) or a number (N*); the share of an empty text is 0.
 *
 * <p>With {@code tokenization: true} the stat is {@code alpha_token_ratio} instead: the number
 * of alphabetic code points (Python's {@code str.isalpha()}: category L*) per token of a Hugging
 * Face tokenizer, 0 for a text without tokens. Data-Juicer always uses
 * EleutherAI/pythia-6.9b-deduped's tokenizer there, which is GPT-NeoX-20B's; djflink ships it
 * (see {@link TokenNumFilter}) and, as an extension, takes another from {@code tokenizer_model}.
 */
public final class AlphanumericFilter extends BaseFilter {

    static final String STAT = "alnum_ratio";
    static final String TOKEN_STAT = "alpha_token_ratio";

    private static final int ALPHA_TYPES =
            (1 << Character.UPPERCASE_LETTER) | (1 << Character.LOWERCASE_LETTER)
                    | (1 << Character.TITLECASE_LETTER) | (1 << Character.MODIFIER_LETTER)
                    | (1 << Character.OTHER_LETTER);
    private static final int ALNUM_TYPES = ALPHA_TYPES
            | (1 << Character.DECIMAL_DIGIT_NUMBER) | (1 << Character.LETTER_NUMBER) | (1 << Character.OTHER_NUMBER);

    private final Double minRatio;
    private final Double maxRatio;
    /** The tokens of tokenization: true; null otherwise. */
    private final TokenCounter tokens;

    AlphanumericFilter(Params p) {
        super(p);
        this.minRatio = p.numberOrNull("min_ratio");
        this.maxRatio = p.numberOrNull("max_ratio");
        this.tokens = !p.bool("tokenization") ? null
                : new TokenCounter(p, "tokenizer_model",
                        p.isNull("tokenizer_model") ? HfTokenizers.DJ_DEFAULT : p.string("tokenizer_model"));
    }

    /** Python's {@code str.isalnum()} for one code point. */
    static boolean isAlnum(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
        }
        return (ALNUM_TYPES & (1 << Character.getType(cp))) != 0;
    }

    /** Python's {@code str.isalpha()} for one code point. */
    static boolean isAlpha(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
        }
        return (ALPHA_TYPES & (1 << Character.getType(cp))) != 0;
    }

    @Override
    public void open() throws IOException {
        if (tokens != null) {
            tokens.open();
        }
    }

    @Override
    public void computeStats(Sample sample, SampleContext ctx) {
        if (tokens != null) {
            tokenRatio(sample);
            return;
        }
        if (sample.hasStat(STAT)) {
            return;
        }
        String text = requireText(sample);
        int len = 0;
        int alnum = 0;
        for (int i = 0, n = text.length(); i < n; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            len++;
            if (isAlnum(cp)) {
                alnum++;
            }
        }
        sample.stats().put(STAT, len == 0 ? 0.0 : (double) alnum / len);
    }

    private void tokenRatio(Sample sample) {
        if (sample.hasStat(TOKEN_STAT)) {
            return;
        }
        String text = requireText(sample);
        int alpha = 0;
        for (int i = 0, n = text.length(); i < n; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isAlpha(cp)) {
                alpha++;
            }
        }
        int n = tokens.count(text);
        sample.stats().put(TOKEN_STAT, n == 0 ? 0.0 : (double) alpha / n);
    }

    @Override
    public boolean keep(Sample sample) {
        return inRange(stat(sample, tokens != null ? TOKEN_STAT : STAT), minRatio, maxRatio);
    }

    @Override
    public List<String> statKeys() {
        return List.of(tokens != null ? TOKEN_STAT : STAT);
    }

    /** Registers {@code alphanumeric_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "alphanumeric_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose share of alphanumeric characters (alnum_ratio), or with tokenization: true"
                    + " whose alphabetic characters per token (alpha_token_ratio), is in [min_ratio, max_ratio]";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("tokenization", ParamType.BOOL, false,
                            "count alphabetic characters per token of a Hugging Face tokenizer instead"
                                    + " (stat alpha_token_ratio; Data-Juicer's EleutherAI/pythia-6.9b-deduped tokenizer)"),
                    ParamSpec.of("min_ratio", ParamType.FLOAT, 0.25, "minimum ratio").allowNull(),
                    ParamSpec.of("max_ratio", ParamType.FLOAT, (double) Long.MAX_VALUE, "maximum ratio").allowNull(),
                    ParamSpec.of("tokenizer_model", ParamType.STRING, null,
                            "djflink extension: the tokenizer of tokenization: true (null: Data-Juicer's, "
                                    + HfTokenizers.DJ_DEFAULT + "): " + HfTokenizers.DESCRIPTION));
        }

        @Override
        public Op create(Params p) {
            return new AlphanumericFilter(p);
        }
    }
}
