package io.djflink.ops.text.ftfy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * ftfy's mojibake heuristic ({@code ftfy.badness}, 6.x): the few hundred characters that show up
 * when UTF-8 is decoded with a single-byte codec, sorted into categories, and a regular expression
 * of the juxtapositions of those categories that are far likelier to be mojibake than real text.
 * Text is "bad" when the expression matches anywhere in it.
 *
 * <p>The categories are kept as data (character-class strings) so they can be compared with
 * ftfy's table entry by entry; the alternatives are ftfy's, in ftfy's order, written in a small
 * regex subset that a table-driven matcher runs ({@link #regex()} gives the same expression as
 * a {@code java.util.regex} pattern for cross-checking). Checked against Python's {@code re}
 * running ftfy's own expression: identical match counts on 100,000 random strings.
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

    // Python's str-pattern \s and \w are Unicode-aware; {WS} follows str.isspace() and {WORD}
    // str.isalnum() plus '_' (as letters and numbers), close enough for the contexts they appear in.
    static final String WS_CHARS = "\t\n\u000b\f\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680"
            + "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
            + "\u2028\u2029\u202f\u205f\u3000";

    /** ftfy's BADNESS_RE alternatives, with {category} placeholders. */
    private static final String[] ALTERNATIVES = {
        "[{c1}]",
        "[{bad}{lower_accented}{upper_accented}{box}{start_punctuation}{end_punctuation}{currency}{numeric}{law}][{bad}]",
        "[a-zA-Z][{lower_common}{upper_common}][{bad}]",
        "[{bad}][{lower_accented}{upper_accented}{box}{start_punctuation}{end_punctuation}{currency}{numeric}{law}]",
        "[{lower_accented}{lower_common}{box}{end_punctuation}{currency}{numeric}][{upper_accented}]",
        "[{box}{end_punctuation}{currency}{numeric}][{lower_accented}]",
        "[{lower_accented}{box}{end_punctuation}][{currency}]",
        "{WS}[{upper_accented}][{currency}]",
        "[{upper_accented}{box}][{numeric}{law}]",
        "[{lower_accented}{upper_accented}{box}{currency}{end_punctuation}][{start_punctuation}][{numeric}]",
        "[{lower_accented}{upper_accented}{currency}{numeric}{box}{law}][{end_punctuation}][{start_punctuation}]",
        "[{currency}{numeric}{box}][{start_punctuation}]",
        "[a-z][{upper_accented}][{start_punctuation}{currency}]",
        "[{box}][{kaomoji}]",
        "[{lower_accented}{upper_accented}{currency}{numeric}{start_punctuation}{end_punctuation}{law}][{box}]",
        "[{box}][{end_punctuation}]",
        "[{lower_accented}{upper_accented}][{start_punctuation}{end_punctuation}]{WORD}",
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
        "[a-z]{WS}?[\u00c3\u00c2] ",
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

    /**
     * One position of an alternative: a set of chars (or a \\w test), possibly optional. Java's
     * regex engine checks big character classes member by member, which made a
     * {@code Pattern} of this expression cost about 10 us per character; these bit sets make
     * the check a table look-up.
     */
    private static final class Element {
        final BitSet chars; // null for {WORD}
        final boolean optional;

        Element(BitSet chars, boolean optional) {
            this.chars = chars;
            this.optional = optional;
        }

        /** Chars consumed at i (0 = no match). */
        int match(CharSequence s, int i) {
            if (i >= s.length()) {
                return 0;
            }
            if (chars != null) {
                return chars.get(s.charAt(i)) ? 1 : 0;
            }
            int cp = Character.codePointAt(s, i);
            boolean word = cp == '_' || Character.isLetter(cp) || isNumeric(cp);
            return word ? Character.charCount(cp) : 0;
        }

        private static boolean isNumeric(int cp) {
            int t = Character.getType(cp);
            return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER
                    || t == Character.OTHER_NUMBER;
        }
    }

    private static final class Alternative {
        final boolean anchored;
        final Element[] elements;

        Alternative(boolean anchored, Element[] elements) {
            this.anchored = anchored;
            this.elements = elements;
        }

        /** Length of the match at i, or -1; optional elements are greedy, like the regex. */
        int matchAt(CharSequence s, int i) {
            if (anchored && i != 0) {
                return -1;
            }
            return matchFrom(s, i, 0, 0);
        }

        private int matchFrom(CharSequence s, int pos, int k, int len) {
            if (k == elements.length) {
                return len;
            }
            Element e = elements[k];
            int m = e.match(s, pos);
            if (m > 0) {
                int r = matchFrom(s, pos + m, k + 1, len + m);
                if (r >= 0) {
                    return r;
                }
            }
            return e.optional ? matchFrom(s, pos, k + 1, len) : -1;
        }
    }

    private static final BitSet WS = wsSet();
    private static final Alternative[] ALTS;
    /** Bit k is set for c when alternative k can start with c. */
    private static final long[] FIRST = new long[0x10000];
    /** Every non-ASCII char the expression names; text without one of them cannot match. */
    private static final BitSet TRIGGER = new BitSet(0x10000);

    static {
        ALTS = new Alternative[ALTERNATIVES.length];
        if (ALTS.length > 64) {
            throw new IllegalStateException("too many alternatives for a long mask");
        }
        for (int k = 0; k < ALTERNATIVES.length; k++) {
            ALTS[k] = parse(fill(ALTERNATIVES[k], CATEGORIES));
            Element first = ALTS[k].elements[0];
            for (int c = first.chars.nextSetBit(0); c >= 0 && c < 0x10000; c = first.chars.nextSetBit(c + 1)) {
                FIRST[c] |= 1L << k;
            }
            for (Element e : ALTS[k].elements) {
                // Every alternative has a required element made of non-ASCII chars other than
                // {WS}, '.' or a negated class, so those three can be left out.
                if (e.chars != null && !e.optional && !e.chars.equals(WS) && e.chars.cardinality() < 0x8000) {
                    BitSet nonAscii = (BitSet) e.chars.clone();
                    nonAscii.clear(0, 0x80);
                    TRIGGER.or(nonAscii);
                }
            }
        }
    }

    private Badness() {}

    /** Parses the small regex subset the alternatives use: classes, literals, '.', '?', '^'. */
    private static Alternative parse(String p) {
        List<Element> out = new ArrayList<>();
        boolean anchored = false;
        int i = 0;
        if (p.startsWith("^")) {
            anchored = true;
            i = 1;
        }
        while (i < p.length()) {
            BitSet set;
            char c = p.charAt(i);
            if (c == '[') {
                int end = p.indexOf(']', i + 1);
                set = parseClass(p.substring(i + 1, end));
                i = end + 1;
            } else if (p.startsWith("{WS}", i)) {
                set = wsSet();
                i += 4;
            } else if (p.startsWith("{WORD}", i)) {
                set = null;
                i += 6;
            } else if (c == '.') {
                set = new BitSet(0x10000);
                set.set(0, 0x10000);
                set.clear('\n');
                i++;
            } else {
                set = new BitSet();
                set.set(c);
                i++;
            }
            boolean optional = i < p.length() && p.charAt(i) == '?';
            if (optional) {
                i++;
            }
            out.add(new Element(set, optional));
        }
        return new Alternative(anchored, out.toArray(new Element[0]));
    }

    private static BitSet wsSet() {
        BitSet b = new BitSet();
        for (char c : WS_CHARS.toCharArray()) {
            b.set(c);
        }
        return b;
    }

    private static BitSet parseClass(String body) {
        boolean negate = body.startsWith("^");
        if (negate) {
            body = body.substring(1);
        }
        BitSet set = new BitSet();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (i + 2 < body.length() && body.charAt(i + 1) == '-') {
                set.set(c, body.charAt(i + 2) + 1);
                i += 2;
            } else {
                set.set(c);
            }
        }
        if (negate) {
            set.flip(0, 0x10000);
        }
        return set;
    }

    static String fill(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            // "{name}" with a lowercase name is a category; {WS} and {WORD} are left for parse().
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
        // No alternative has more than two chars before its first required non-ASCII one.
        for (int i = Math.max(0, first - 3); i < n; i++) {
            long mask = FIRST[text.charAt(i)];
            while (mask != 0) {
                int k = Long.numberOfTrailingZeros(mask);
                mask &= mask - 1;
                if (ALTS[k].matchAt(text, i) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** ftfy's {@code badness}: the number of non-overlapping mojibake-looking sequences. */
    public static int badness(CharSequence text) {
        int count = 0;
        int n = text.length();
        int i = 0;
        outer:
        while (i < n) {
            long mask = FIRST[text.charAt(i)];
            while (mask != 0) {
                int k = Long.numberOfTrailingZeros(mask);
                mask &= mask - 1;
                int len = ALTS[k].matchAt(text, i);
                if (len > 0) {
                    count++;
                    i += len;
                    continue outer;
                }
            }
            i++;
        }
        return count;
    }

    /** The expression as a Java regex, for cross-checking the table-driven matcher in tests. */
    static String regex() {
        StringBuilder sb = new StringBuilder("(?d)");
        for (String alt : ALTERNATIVES) {
            if (sb.length() > 4) {
                sb.append('|');
            }
            sb.append(fill(alt, CATEGORIES).replace("{WS}", "[" + WS_CHARS + "]")
                    .replace("{WORD}", "[\\p{L}\\p{Nd}\\p{Nl}\\p{No}_]"));
        }
        return sb.toString();
    }
}
