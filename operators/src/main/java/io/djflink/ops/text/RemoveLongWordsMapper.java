package io.djflink.ops.text;

import io.djflink.ops.BaseOp;
import io.djflink.ops.Mapper;
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
 * Removes words whose length in code points is outside [min_len, max_len], both as written and
 * after stripping special characters from its ends (a word is kept if either length fits). The
 * text is cut into lines at {@code \n}, parts at {@code \t} and words at spaces; it is rebuilt
 * with single separators, and runs of spaces, parts left empty and lines left empty disappear,
 * as in Data-Juicer.
 */
public final class RemoveLongWordsMapper extends BaseOp implements Mapper {

    private final long minLen;
    private final long maxLen;

    RemoveLongWordsMapper(Params p) {
        super(p);
        this.minLen = p.integer("min_len");
        this.maxLen = p.integer("max_len");
    }

    private boolean fits(long len) {
        return minLen <= len && len <= maxLen;
    }

    boolean keepWord(String word) {
        return fits(word.codePointCount(0, word.length())) || fits(SpecialCharacters.strippedLength(word));
    }

    /** The rebuilt text. */
    String apply(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int n = text.length();
        boolean firstLine = true;
        int lineStart = 0;
        while (lineStart <= n) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = n;
            }
            int lineMark = out.length();
            if (!firstLine) {
                out.append('\n');
            }
            boolean linePartWritten = false;
            int partStart = lineStart;
            while (partStart <= lineEnd) {
                int partEnd = text.indexOf('\t', partStart);
                if (partEnd < 0 || partEnd > lineEnd) {
                    partEnd = lineEnd;
                }
                int partMark = out.length();
                if (linePartWritten) {
                    out.append('\t');
                }
                boolean wordWritten = false;
                int w = partStart;
                while (w < partEnd) {
                    int sp = text.indexOf(' ', w);
                    if (sp < 0 || sp > partEnd) {
                        sp = partEnd;
                    }
                    if (sp > w) {
                        String word = text.substring(w, sp);
                        if (keepWord(word)) {
                            if (wordWritten) {
                                out.append(' ');
                            }
                            out.append(word);
                            wordWritten = true;
                        }
                    }
                    w = sp + 1;
                }
                if (wordWritten) {
                    linePartWritten = true;
                } else {
                    out.setLength(partMark);
                }
                partStart = partEnd + 1;
            }
            if (linePartWritten) {
                firstLine = false;
            } else {
                out.setLength(lineMark);
            }
            lineStart = lineEnd + 1;
        }
        return out.toString();
    }

    @Override
    public void map(Sample sample, SampleContext ctx) {
        String text = sample.text(textKey);
        if (text == null) {
            throw new IllegalArgumentException("sample has no text field '" + textKey + "'");
        }
        String out = apply(text);
        if (!out.equals(text)) {
            sample.setText(textKey, out);
        }
    }

    /** Registers {@code remove_long_words_mapper}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "remove_long_words_mapper";
        }

        @Override
        public OpKind kind() {
            return OpKind.MAPPER;
        }

        @Override
        public String doc() {
            return "removes words shorter than min_len or longer than max_len (code points)";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("min_len", ParamType.INT, 1L, "minimum word length"),
                    ParamSpec.of("max_len", ParamType.INT, Long.MAX_VALUE, "maximum word length"));
        }

        @Override
        public Op create(Params p) {
            return new RemoveLongWordsMapper(p);
        }
    }
}
