package io.djflink.ops.text.ftfy;

import java.util.BitSet;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ftfy's mojibake heuristic ({@code ftfy.badness}, 6.x): the few hundred characters that show up
 * when UTF-8 is decoded with a single-byte codec, sorted into categories, and a regular expression
 * of the juxtapositions of those categories that are far likelier to be mojibake than real text.
 * Text is "bad" when the expression matches anywhere in it.
 *
 * <p>The categories are kept as data (character-class strings) so they can be compared with
 * ftfy's table entry by entry.
 */
public final class Badness {

    /** ftfy's MOJIBAKE_CATEGORIES, as regex character-class bodies. */
    static final Map<String, String> CATEGORIES = Map.ofEntries(
            // Characters that appear in many contexts; sequences with them are not mojibake by themselves.
            Map.entry("common", "\u00a0\u00ad\u00b7\u00b4\u2013\u2014\u2015\u2026\u2019"),
            // C1 controls: no use outside mojibake any more.
            Map.entry("c1", "\u0080-\u009f"),
            // Nearly always mojibake.
            Map.entry("bad", "\u00a6\u00a4\u00a8\u00ac\u00af\u00b8\u0192\u02c6\u02c7\u02d8\u02db\u02dc"
                    + "\u2020\u2021\u2030\u2310\u25ca\ufffd\u00aa\u00ba"),
            Map.entry("law", "\u00b6\u00a7"),
            Map.entry("currency", "\u00a2\u00a3\u00a5\u20a7\u20ac"),
            Map.entry("start_punctuation", "\u00a1\u00ab\u00bf\u00a9\u0384\u0385\u2018\u201a\u201c\u201e"
                    + "\u2022\u2039\uf8ff"),
            Map.entry("end_punctuation", "\u00ae\u00bb\u02dd\u201d\u203a\u2122"),
            Map.entry("numeric", "\u00b2\u00b3\u00b9\u00b1\u00bc\u00bd\u00be\u00d7\u00b5\u00f7\u2044"
                    + "\u2202\u2206\u220f\u2211\u221a\u221e\u2229\u222b\u2248\u2260\u2261\u2264\u2265\u2116"),
            // Letters that kaomoji faces use, so they may sit in odd-looking contexts.
            Map.entry("kaomoji", "\u00d2-\u00d6\u00d9-\u00dc\u00f2-\u00f6\u00f8-\u00fc\u0150\u014c\u016a"
                    + "\u0172\u00b0"),
            Map.entry("upper_accented", "\u00c0-\u00d1\u00d8\u00dc\u00dd\u0102\u0100\u0104\u0106\u010c"
                    + "\u010e\u0110\u0118\u011a\u0112\u0116\u011e\u0122\u0130\u012a\u0136\u0139\u013d\u0141"
                    + "\u013b\u0143\u0147\u0145\u0152\u0158\u015a\u015e\u0160\u0162\u0164\u016e\u0170\u0178"
                    + "\u0179\u017b\u017d\u0490"),
            Map.entry("lower_accented", "\u00df\u00e0-\u00f1\u0103\u0105\u0101\u0107\u010d\u010f\u0111"
                    + "\u0119\u011b\u0113\u0117\u011f\u0123\u012f\u012b\u0137\u013a\u013e\u0142\u013c\u0153"
                    + "\u0155\u015b\u015f\u0161\u0165\u00fc\u017a\u017c\u017e\u0491\ufb01\ufb02"),
            Map.entry("upper_common", "\u00de\u0391-\u03a9\u0386\u0388\u0389\u038a\u038c\u038e\u038f"
                    + "\u03aa\u03ab\u0401-\u042f"),
            Map.entry("lower_common", "\u03b1-\u03c9\u03ac\u03ad\u03ae\u03af\u03b0\u0430-\u045f"),
            Map.entry("box", "\u2502\u250c\u2510\u2518\u251c\u2524\u252c\u253c\u2550-\u256c"
                    + "\u2580\u2584\u2588\u258c\u2590\u2591\u2592\u2593"));

    // Python's str-pattern \s and \w are Unicode-aware; these classes follow str.isspace() and
    // str.isalnum() (plus '_') closely enough for the contexts they appear in.
    private static final String WS = "[\\t\\n\\x0b\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a"
            + "\\u2028\\u2029\\u202f\\u205f\\u3000]";
    private static final String WORD = "[\\p{L}\\p{N}_]";

    /** ftfy's BADNESS_RE alternatives, with {category} placeholders. */
    private static final String[] ALTERNATIVES = {
        "[{c1}]",
        "[{bad}{lower_accented}{upper_accented}{box}{start_punctuation}{end_punctuation}{currency}{numeric}{law}][{bad}]",
        "[a-zA-Z][{lower_common}{upper_common}][{bad}]",
        "[{bad}][{lower_accented}{upper_accented}{box}{start_punctuation}{end_punctuation}{currency}{numeric}{law}]",
        "[{lower_accented}{lower_common}{box}{end_punctuation}{currency}{numeric}][{upper_accented}]",
        "[{box}{end_punctuation}{currency}{numeric}][{lower_accented}]",
        "[{lower_accented}{box}{end_punctuation}][{currency}]",
        WS + "[{upper_accented}][{currency}]",
        "[{upper_accented}{box}][{numeric}{law}]",
        "[{lower_accented}{upper_accented}{box}{currency}{end_punctuation}][{start_punctuation}][{numeric}]",
        "[{lower_accented}{upper_accented}{currency}{numeric}{box}{law}][{end_punctuation}][{start_punctuation}]",
        "[{currency}{numeric}{box}][{start_punctuation}]",
        "[a-z][{upper_accented}][{start_punctuation}{currency}]",
        "[{box}][{kaomoji}]",
        "[{lower_accented}{upper_accented}{currency}{numeric}{start_punctuation}{end_punctuation}{law}][{box}]",
        "[{box}][{end_punctuation}]",
        "[{lower_accented}{upper_accented}][{start_punctuation}{end_punctuation}]" + WORD,
        // The ligature oe when not followed by an unaccented Latin letter
        "[\u0152\u0153][^A-Za-z]",
        // Degree signs after capital letters
        "[{upper_accented}]\u00b0",
        // Common Windows-1252 two-character mojibake not covered above
        "[\u00c2\u00c3\u00ce\u00d0][\u20ac\u0153\u0160\u0161\u00a2\u00a3\u0178\u017e\u00a0\u00ad\u00ae\u00a9"
                + "\u00b0\u00b7\u00bb{start_punctuation}{end_punctuation}\u2013\u2014\u00b4]",
        "\u00d7[\u00b2\u00b3]",
        // Windows-1252 mojibake of Arabic: includes 'common' characters, so needs four of them
        "[\u00d8\u00d9][{common}{currency}{bad}{numeric}{start_punctuation}\u0178\u0160\u00ae\u00b0\u00b5\u00bb]"
                + "[\u00d8\u00d9][{common}{currency}{bad}{numeric}{start_punctuation}\u0178\u0160\u00ae\u00b0\u00b5\u00bb]",
        // Windows-1252 mojibake starting 3-byte sequences of some South Asian scripts
        "\u00e0[\u00b2\u00b5\u00b9\u00bc\u00bd\u00be]",
        // MacRoman mojibake not covered above
        "\u221a[\u00b1\u2202\u2020\u2260\u00ae\u2122\u00b4\u2264\u2265\u00a5\u00b5\u00f8]",
        "\u2248[\u00b0\u00a2]",
        "\u201a\u00c4[\u00ec\u00ee\u00ef\u00f2\u00f4\u00fa\u00f9\u00fb\u2020\u00b0\u00a2\u03c0]",
        "\u201a[\u00e2\u00f3][\u00e0\u00e4\u00b0\u00ea]",
        // Windows-1251 mojibake of U+2000-range characters
        "\u0432\u0402",
        // Windows-1251 mojibake of Latin-1 / Cyrillic: needs a three-character sequence
        "[\u0412\u0413\u0420\u0421][{c1}{bad}{start_punctuation}{end_punctuation}{currency}\u00b0\u00b5]"
                + "[\u0412\u0413\u0420\u0421]",
        // Windows-1251 on top of Latin-1 mojibake of Windows-1252 punctuation, near a Latin letter
        "\u0413\u045e\u0412\u0402\u0412.[A-Za-z ]",
        // Windows-1252 encodings of a-grave and a-acute, and of U+A0 itself
        "\u00c3[\u00a0\u00a1]",
        "[a-z]" + WS + "?[\u00c3\u00c2] ",
        "^[\u00c3\u00c2] ",
        // A-circumflex encoding exactly the character after it
        "[a-z.,?!{end_punctuation}]\u00c2[ {start_punctuation}{end_punctuation}]",
        // Windows-1253 mojibake of U+2000-range characters
        "\u03b2\u20ac[\u2122\u00a0\u0386\u00ad\u00ae\u00b0]",
        // Windows-1253 mojibake of Latin-1 / Greek
        "[\u0392\u0393\u039e\u039f][{c1}{bad}{start_punctuation}{end_punctuation}{currency}\u00b0]"
                + "[\u0392\u0393\u039e\u039f]",
        // Windows-1257 mojibake of U+2000-range characters
        "\u0101\u20ac",
    };

    static final Pattern BADNESS_RE;
    /** Every non-ASCII character the expression mentions; text without one of them cannot match. */
    private static final BitSet TRIGGER = new BitSet(0x10000);

    static {
        StringBuilder sb = new StringBuilder();
        for (String alt : ALTERNATIVES) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append(fill(alt, CATEGORIES));
        }
        String regex = sb.toString();
        // (?d): '.' excludes only '\n', as in Python.
        BADNESS_RE = Pattern.compile("(?d)" + regex);
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (i + 2 < regex.length() && regex.charAt(i + 1) == '-' && regex.charAt(i + 2) >= 0x80) {
                TRIGGER.set(c, regex.charAt(i + 2) + 1);
                i += 2;
            } else {
                TRIGGER.set(c);
            }
        }
    }

    private Badness() {}

    static String fill(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            // "{name}" with a lowercase name is a category; other braces (\p{L}) are regex syntax.
            if (c == '{' && i + 1 < template.length() && Character.isLowerCase(template.charAt(i + 1))) {
                int end = template.indexOf('}', i);
                String key = template.substring(i + 1, end);
                String v = values.get(key);
                if (v == null) {
                    throw new IllegalStateException("unknown category " + key);
                }
                out.append(v);
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** ftfy's {@code is_bad}: does the text contain a sequence that looks like mojibake? */
    public static boolean isBad(CharSequence text) {
        int n = text.length();
        int first = -1;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && TRIGGER.get(c)) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return false;
        }
        // No alternative has more than two characters before its first non-ASCII one, so the
        // search can start just before the first trigger character.
        Matcher m = BADNESS_RE.matcher(text);
        m.useAnchoringBounds(false);
        m.useTransparentBounds(true);
        m.region(Math.max(0, first - 3), n);
        return m.find();
    }

    /** ftfy's {@code badness}: the number of non-overlapping mojibake-looking sequences. */
    public static int badness(CharSequence text) {
        Matcher m = BADNESS_RE.matcher(text);
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }
}
