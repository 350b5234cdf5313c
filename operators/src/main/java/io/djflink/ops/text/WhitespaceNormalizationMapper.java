package io.djflink.ops.text;

import io.djflink.ops.BaseOp;
import io.djflink.ops.Mapper;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.util.List;

/**
 * Strips the text (Python {@code str.strip()}), then replaces each of Data-Juicer's 23
 * {@code VARIOUS_WHITESPACES} code points with a plain space. Newlines are kept.
 */
public final class WhitespaceNormalizationMapper extends BaseOp implements Mapper {

    private static final boolean[] VARIOUS_WHITESPACE = new boolean[0x10000];

    static {
        int[] cps = {
            0x0009, 0x0020, 0x0084, 0x00A0, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
            0x2007, 0x2008, 0x2009, 0x200A, 0x200B, 0x200C, 0x200D, 0x202F, 0x205F, 0x2060, 0x3000,
            0xFFFC
        };
        for (int cp : cps) {
            VARIOUS_WHITESPACE[cp] = true;
        }
    }

    WhitespaceNormalizationMapper(Params p) {
        super(p);
    }

    @Override
    public void map(Sample sample, SampleContext ctx) {
        String text = sample.text(textKey);
        if (text == null) {
            return;
        }
        String stripped = PyStr.strip(text);
        StringBuilder sb = null;
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (VARIOUS_WHITESPACE[c] && c != ' ') {
                if (sb == null) {
                    sb = new StringBuilder(stripped.length());
                    sb.append(stripped, 0, i);
                }
                sb.append(' ');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        String out = sb == null ? stripped : sb.toString();
        if (!out.equals(text)) {
            sample.setText(textKey, out);
        }
    }

    /** Registers {@code whitespace_normalization_mapper}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "whitespace_normalization_mapper";
        }

        @Override
        public OpKind kind() {
            return OpKind.MAPPER;
        }

        @Override
        public String doc() {
            return "strips the text and turns 23 kinds of unicode whitespace into plain spaces";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of();
        }

        @Override
        public Op create(Params p) {
            return new WhitespaceNormalizationMapper(p);
        }
    }
}
