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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes copyright headers from code-like text. When the text contains a {@code /* ... *}{@code /}
 * block comment, only the first such block is considered: it is cut out if it mentions
 * "copyright" in any letter case, otherwise the text is left alone. Text without any block
 * comment instead loses its leading run of lines that are empty or start with {@code //},
 * {@code #} or {@code --} (lines split on {@code \n} only).
 */
public final class CleanCopyrightMapper extends BaseOp implements Mapper {

    private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*[^*]*\\*+(?:[^/*][^*]*\\*+)*/");
    private static final Pattern COPYRIGHT = PyRegex.compile("(?i)copyright", false).pattern();

    CleanCopyrightMapper(Params p) {
        super(p);
    }

    @Override
    public void map(Sample sample, SampleContext ctx) {
        String text = sample.text(textKey);
        if (text == null) {
            return;
        }
        String out = clean(text);
        if (out != text) {
            sample.setText(textKey, out);
        }
    }

    /** The cleaned text; {@code text} itself when nothing was removed. */
    static String clean(String text) {
        Matcher block = BLOCK_COMMENT.matcher(text);
        if (block.find()) {
            Matcher c = COPYRIGHT.matcher(text).region(block.start(), block.end());
            if (!c.find()) {
                return text;
            }
            return text.substring(0, block.start()) + text.substring(block.end());
        }
        if (text.isEmpty()) {
            return text;
        }
        int lineStart = 0;
        int n = text.length();
        while (true) {
            int nl = text.indexOf('\n', lineStart);
            int lineEnd = nl < 0 ? n : nl;
            if (!isHeaderLine(text, lineStart, lineEnd)) {
                break;
            }
            if (nl < 0) {
                // Every line was a header line: nothing is left.
                return "";
            }
            lineStart = nl + 1;
        }
        return lineStart == 0 ? text : text.substring(lineStart);
    }

    private static boolean isHeaderLine(String text, int start, int end) {
        if (start == end) {
            return true;
        }
        char c = text.charAt(start);
        if (c == '#') {
            return true;
        }
        return (c == '/' || c == '-') && end - start >= 2 && text.charAt(start + 1) == c;
    }

    /** Registers {@code clean_copyright_mapper}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "clean_copyright_mapper";
        }

        @Override
        public OpKind kind() {
            return OpKind.MAPPER;
        }

        @Override
        public String doc() {
            return "removes a copyright block comment, or leading comment/empty lines when there is no block comment";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of();
        }

        @Override
        public Op create(Params p) {
            return new CleanCopyrightMapper(p);
        }
    }
}
