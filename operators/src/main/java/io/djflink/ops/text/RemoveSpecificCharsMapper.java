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
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Deletes characters from the text. As in Data-Juicer, {@code chars_to_remove} becomes one regex
 * character class: the items (the characters of a string, or the strings of a list) are joined
 * with {@code |} and wrapped in brackets, unescaped. Hence every character of every list item is
 * removed, {@code |} is removed too whenever there are two or more items (the default string
 * included), and {@code ^ - ] \ [} keep their regex meaning inside the class. An empty string or
 * list removes nothing.
 */
public final class RemoveSpecificCharsMapper extends BaseOp implements Mapper {

    static final String DEFAULT_CHARS = "◆●■►▼▲▴∆▻▷❖♡□";

    /** The plain-character case, scanned without a regex; {@code null} when the regex is needed. */
    private final BitSet chars;
    /** The general case; {@code null} when {@link #chars} applies or nothing is removed. */
    private final Pattern pattern;

    @SuppressWarnings("unchecked")
    RemoveSpecificCharsMapper(Params p) {
        super(p);
        Object raw = p.raw("chars_to_remove");
        List<String> items = new ArrayList<>();
        if (raw instanceof String) {
            // Python joins a str per code point, so a surrogate pair stays one item.
            ((String) raw).codePoints().forEach(cp -> items.add(new String(Character.toChars(cp))));
        } else {
            items.addAll((List<String>) raw);
        }
        if (items.isEmpty()) {
            chars = null;
            pattern = null;
            return;
        }
        String body = String.join("|", items);
        if (body.chars().noneMatch(c -> c == '\\' || c == '[' || c == ']' || c == '^' || c == '-')
                && !body.isEmpty()) {
            BitSet set = new BitSet();
            body.codePoints().forEach(set::set);
            chars = set;
            pattern = null;
        } else {
            chars = null;
            try {
                pattern = PyRegex.compile("[" + body + "]", true).pattern();
            } catch (IllegalArgumentException e) {
                throw new ParamException("chars_to_remove",
                        "parameter 'chars_to_remove' of op " + p.op() + " makes the regex class [" + body
                                + "], which is invalid: " + e.getMessage());
            }
        }
    }

    @Override
    public void map(Sample sample, SampleContext ctx) {
        if (chars == null && pattern == null) {
            return;
        }
        String text = sample.text(textKey);
        if (text == null) {
            return;
        }
        String out = chars != null ? removeChars(text) : pattern.matcher(text).replaceAll("");
        // Both paths hand back the input instance when nothing was removed.
        if (out != text) {
            sample.setText(textKey, out);
        }
    }

    private String removeChars(String text) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            if (chars.get(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        if (i == n) {
            return text;
        }
        StringBuilder sb = new StringBuilder(n);
        sb.append(text, 0, i);
        while (i < n) {
            int cp = text.codePointAt(i);
            if (!chars.get(cp)) {
                sb.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    /** Registers {@code remove_specific_chars_mapper}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "remove_specific_chars_mapper";
        }

        @Override
        public OpKind kind() {
            return OpKind.MAPPER;
        }

        @Override
        public String doc() {
            return "removes the given characters (a string or list of strings; default ◆●■►▼▲▴∆▻▷❖♡□)";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(ParamSpec.of("chars_to_remove", ParamType.STRING_OR_LIST, DEFAULT_CHARS,
                    "characters to delete, as a string or a list of strings"));
        }

        @Override
        public Op create(Params p) {
            return new RemoveSpecificCharsMapper(p);
        }
    }
}
