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
 * Replaces 34 full-width and typographic punctuation marks with ASCII counterparts, one character
 * at a time: CJK commas and full stop, quotes and guillemets, corner and angle brackets, dashes,
 * ellipsis and a few others (for instance {@code —} becomes {@code " - "}, {@code …} becomes
 * {@code "..."}). Data-Juicer's table also maps the full-width digit one {@code １} to a double
 * quote; that is kept for identical output.
 */
public final class PunctuationNormalizationMapper extends BaseOp implements Mapper {

    private static final String[] TABLE;

    static {
        String[][] pairs = {
            {"，", ","}, {"。", "."}, {"、", ","}, {"„", "\""}, {"”", "\""}, {"“", "\""},
            {"«", "\""}, {"»", "\""}, {"１", "\""}, {"」", "\""}, {"「", "\""}, {"《", "\""},
            {"》", "\""}, {"´", "'"}, {"∶", ":"}, {"：", ":"}, {"？", "?"}, {"！", "!"},
            {"（", "("}, {"）", ")"}, {"；", ";"}, {"–", "-"}, {"—", " - "}, {"．", ". "},
            {"～", "~"}, {"’", "'"}, {"…", "..."}, {"━", "-"}, {"〈", "<"}, {"〉", ">"},
            {"【", "["}, {"】", "]"}, {"％", "%"}, {"►", "-"},
        };
        int max = 0;
        for (String[] p : pairs) {
            max = Math.max(max, p[0].charAt(0));
        }
        TABLE = new String[max + 1];
        for (String[] p : pairs) {
            TABLE[p[0].charAt(0)] = p[1];
        }
    }

    PunctuationNormalizationMapper(Params p) {
        super(p);
    }

    @Override
    public void map(Sample sample, SampleContext ctx) {
        String text = sample.text(textKey);
        if (text == null) {
            return;
        }
        String out = normalize(text);
        if (out != text) {
            sample.setText(textKey, out);
        }
    }

    /** The normalized text; {@code text} itself when it holds no mapped mark. */
    static String normalize(String text) {
        StringBuilder sb = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            // Every key is a BMP character, so surrogate halves never match and pass through.
            String r = c < TABLE.length ? TABLE[c] : null;
            if (r != null) {
                if (sb == null) {
                    sb = new StringBuilder(n + 16);
                    sb.append(text, 0, i);
                }
                sb.append(r);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    /** Registers {@code punctuation_normalization_mapper}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "punctuation_normalization_mapper";
        }

        @Override
        public OpKind kind() {
            return OpKind.MAPPER;
        }

        @Override
        public String doc() {
            return "maps 34 unicode punctuation marks (，。、“”「」《》…—％ ...) to ASCII";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of();
        }

        @Override
        public Op create(Params p) {
            return new PunctuationNormalizationMapper(p);
        }
    }
}
