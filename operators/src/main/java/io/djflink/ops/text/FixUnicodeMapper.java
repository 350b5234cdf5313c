package io.djflink.ops.text;

import io.djflink.ops.BaseOp;
import io.djflink.ops.Mapper;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamException;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import io.djflink.ops.text.ftfy.TextFixer;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * Fixes broken Unicode in the text the way {@code ftfy.fix_text} does: repairs mojibake (UTF-8
 * decoded with the wrong codec), decodes HTML entities in text without '&lt;', removes terminal
 * escapes and stray control characters, splits Latin ligatures, narrows fullwidth characters,
 * straightens curly quotes, unifies line breaks, then applies Unicode normalization
 * ({@code normalization}: NFC by default, or NFKC, NFD, NFKD). See {@link TextFixer} for the
 * steps and for where the port differs from ftfy.
 */
public final class FixUnicodeMapper extends BaseOp implements Mapper {

    static final List<String> FORMS = List.of("NFC", "NFKC", "NFD", "NFKD");

    private final Normalizer.Form form;

    FixUnicodeMapper(Params p) {
        super(p);
        this.form = parseForm(p.isNull("normalization") ? null : p.string("normalization"));
    }

    /** Data-Juicer upper-cases the name and treats a missing or empty one as NFC. */
    static Normalizer.Form parseForm(String name) {
        if (name == null || name.isEmpty()) {
            return Normalizer.Form.NFC;
        }
        String upper = name.toUpperCase(Locale.ROOT);
        if (!FORMS.contains(upper)) {
            throw new ParamException("normalization",
                    "normalization is '" + name + "'; valid choices: " + String.join(", ", FORMS));
        }
        return Normalizer.Form.valueOf(upper);
    }

    @Override
    public void map(Sample sample, SampleContext ctx) {
        String text = sample.text(textKey);
        if (text == null) {
            return;
        }
        String fixed = TextFixer.fixText(text, form);
        if (fixed != text) {
            sample.setText(textKey, fixed);
        }
    }

    /** Registers {@code fix_unicode_mapper}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "fix_unicode_mapper";
        }

        @Override
        public OpKind kind() {
            return OpKind.MAPPER;
        }

        @Override
        public String doc() {
            return "fixes mojibake and other broken unicode (ftfy.fix_text), then normalizes (NFC by default)";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(ParamSpec.of("normalization", ParamType.STRING, null,
                    "Unicode normalization form: NFC (default when None), NFKC, NFD or NFKD; case-insensitive"));
        }

        @Override
        public Op create(Params p) {
            return new FixUnicodeMapper(p);
        }
    }
}
