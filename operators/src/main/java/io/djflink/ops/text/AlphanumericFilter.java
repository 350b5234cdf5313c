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
import java.util.List;

/**
 * Keeps samples whose share of alphanumeric code points ({@code alnum_ratio}) lies in
 * [min_ratio, max_ratio]. A code point counts when Python's {@code str.isalnum()} holds for it,
 * i.e. its general category is a letter (L*) or a number (N*); the share of an empty text is 0.
 * The token-based variant ({@code tokenization: true}, stat {@code alpha_token_ratio}) needs a
 * tokenizer model and is refused for now.
 */
public final class AlphanumericFilter extends BaseFilter {

    static final String STAT = "alnum_ratio";

    private static final int ALNUM_TYPES =
            (1 << Character.UPPERCASE_LETTER) | (1 << Character.LOWERCASE_LETTER)
                    | (1 << Character.TITLECASE_LETTER) | (1 << Character.MODIFIER_LETTER)
                    | (1 << Character.OTHER_LETTER) | (1 << Character.DECIMAL_DIGIT_NUMBER)
                    | (1 << Character.LETTER_NUMBER) | (1 << Character.OTHER_NUMBER);

    private final Double minRatio;
    private final Double maxRatio;

    AlphanumericFilter(Params p) {
        super(p);
        Tokenization.refuse(p, "Hugging Face tokenizer.json");
        this.minRatio = p.numberOrNull("min_ratio");
        this.maxRatio = p.numberOrNull("max_ratio");
    }

    /** Python's {@code str.isalnum()} for one code point. */
    static boolean isAlnum(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
        }
        return (ALNUM_TYPES & (1 << Character.getType(cp))) != 0;
    }

    @Override
    public void computeStats(Sample sample, SampleContext ctx) {
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

    @Override
    public boolean keep(Sample sample) {
        return inRange(stat(sample, STAT), minRatio, maxRatio);
    }

    @Override
    public List<String> statKeys() {
        return List.of(STAT);
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
            return "keeps samples whose share of alphanumeric characters is in [min_ratio, max_ratio]";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("tokenization", ParamType.BOOL, false,
                            "count alphabetic characters per tokenizer token instead (needs a model)"),
                    ParamSpec.of("min_ratio", ParamType.FLOAT, 0.25, "minimum alphanumeric ratio").allowNull(),
                    ParamSpec.of("max_ratio", ParamType.FLOAT, (double) Long.MAX_VALUE, "maximum alphanumeric ratio").allowNull(),
                    Tokenization.modelParam("Hugging Face tokenizer.json"));
        }

        @Override
        public Op create(Params p) {
            return new AlphanumericFilter(p);
        }
    }
}
