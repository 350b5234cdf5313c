package io.djflink.ops.text.ftfy;

import io.djflink.ops.text.ftfy.Charmaps.Charmap;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Java port of {@code ftfy.fix_text} (ftfy 6.x) with its default configuration, the only
 * configuration Data-Juicer's {@code fix_unicode_mapper} uses apart from the normalization form.
 *
 * <p>The text is fixed in segments: each line (ending in and including '\n'), or a million-char
 * piece of a longer line. HTML unescaping is "auto": it is off for the first segment containing
 * '&lt;' and for every segment after it. Each segment goes through these steps, repeated until
 * nothing changes:
 *
 * <ol>
 *   <li>unescape_html: named references ending in ';' (HTML5 table plus all-caps forms) and
 *       numeric references;
 *   <li>fix_encoding: when {@link Badness#isBad} flags the text, re-encode it in the first of
 *       ftfy's single-byte encodings that can represent it (Latin-1, sloppy Windows-1252, -1251,
 *       -1250, -1253, -1254, -1257, ISO-8859-2, MacRoman, CP437) and decode as UTF-8, after
 *       restoring 0xA0 bytes that became spaces (restore_byte_a0) and marking lost bytes
 *       (replace_lossy_sequences); failing that, fix embedded UTF-8 mojibake in isolation
 *       (decode_inconsistent_utf8), read Latin-1 as Windows-1252, or map C1 controls through
 *       Windows-1252. Repeated until stable;
 *   <li>fix_c1_controls, fix_latin_ligatures, fix_character_width, uncurl_quotes,
 *       fix_line_breaks, fix_surrogates, remove_terminal_escapes, remove_control_chars;
 *   <li>Unicode normalization (NFC by default).
 * </ol>
 *
 * <p>Ported from ftfy 6.x as published (the {@code badness} categories and expression,
 * {@code chardata} tables, {@code fixes} and the {@code fix_and_explain} loop). Known
 * differences, all in rare inputs:
 *
 * <ul>
 *   <li>Java's {@code String} cannot hold a paired surrogate as two code points, so
 *       fix_surrogates only has lone surrogates to replace (with U+FFFD);
 *   <li>Python's Unicode-aware {@code \s} and {@code \w} in the badness expression are
 *       written out as explicit classes (see {@link Badness});
 *   <li>code-page tables, normalization and letter/digit classes come from the JDK, whose
 *       Unicode version can differ from the Python build's in a handful of code points; the
 *       UTF8_CLUES classes are derived from those code-page tables instead of copied;
 *   <li>segment lengths (the 1,000,000 cap) are counted in UTF-16 units, not code points;
 *   <li>two later heuristic changes on ftfy's development branch are not included: KOI8-R in
 *       the list of encodings (ftfy issue #231) and "Ã¥" mojibake at the very start of a
 *       string (issue #222).
 * </ul>
 */
public final class TextFixer {

    static final int MAX_DECODE_LENGTH = 1_000_000;
    /** Safety cap on fix-until-stable loops; real text settles in two or three rounds. */
    static final int MAX_ROUNDS = 32;

    private static final Pattern ALTERED_UTF8_RE = Pattern.compile(
            "[\u00c2\u00c3\u00c5\u00ce\u00d0\u00d9] "
                    + "|[\u00e2\u00e3] [\u0080-\u0084\u0086-\u009f\u00a1-\u00bf]"
                    + "|[\u00e0-\u00e3][\u0080-\u0084\u0086-\u009f\u00a1-\u00bf] "
                    + "|\u00f0 [\u0080-\u00bf][\u0080-\u00bf]"
                    + "|\u00f0[\u0080-\u00bf] [\u0080-\u00bf]"
                    + "|\u00f0[\u0080-\u00bf][\u0080-\u00bf] ");

    // "Ã " as a whole word is nearly always "à ": keep the space after restoring the 0xA0.
    // Portuguese "às", "àquele", "àquela", "àquilo" are the exceptions.
    private static final Pattern A_GRAVE_WORD_RE = Pattern.compile("\u00c3 (?! |quele|quela|quilo|s )");

    private static final Pattern LOSSY_UTF8_RE = Pattern.compile(
            "[\u00c2-\u00df]\u001a"
                    + "|[\u00c2-\u00c3]\\?"
                    + "|\u00ed[\u00a0-\u00af][\u001a?]\u00ed[\u00b0-\u00bf][\u001a?\u0080-\u00bf]"
                    + "|\u00ed[\u00a0-\u00af][\u001a?\u0080-\u00bf]\u00ed[\u00b0-\u00bf][\u001a?]"
                    + "|[\u00e0-\u00ef][\u001a?][\u001a\u0080-\u00bf]"
                    + "|[\u00e0-\u00ef][\u001a\u0080-\u00bf][\u001a?]"
                    + "|[\u00f0-\u00f4][\u001a?][\u001a\u0080-\u00bf][\u001a\u0080-\u00bf]"
                    + "|[\u00f0-\u00f4][\u001a\u0080-\u00bf][\u001a?][\u001a\u0080-\u00bf]"
                    + "|[\u00f0-\u00f4][\u001a\u0080-\u00bf][\u001a\u0080-\u00bf][\u001a?]"
                    + "|\u001a");
    private static final String UTF8_REPLACEMENT_BYTES = "\u00ef\u00bf\u00bd";

    private static final Pattern ANSI_RE = Pattern.compile("\u001b\\[[\\p{Nd};]*[a-zA-Z]");

    private static final char[] LIGATURE_KEYS = {
        '\u0132', '\u0133', '\u0149', '\u01f1', '\u01f2', '\u01f3', '\u01c4', '\u01c5', '\u01c6',
        '\u01c7', '\u01c8', '\u01c9', '\u01ca', '\u01cb', '\u01cc',
        '\ufb00', '\ufb01', '\ufb02', '\ufb03', '\ufb04', '\ufb05', '\ufb06'
    };
    private static final String[] LIGATURE_VALUES = {
        "IJ", "ij", "\u02bcn", "DZ", "Dz", "dz", "D\u017d", "D\u017e", "d\u017e",
        "LJ", "Lj", "lj", "NJ", "Nj", "nj",
        "ff", "fi", "fl", "ffi", "ffl", "\u017ft", "st"
    };

    /** Per-char replacement for the translate-style fixers (ligatures, width); null = keep. */
    private static final String[] LIGATURES = new String[0x10000];
    private static final String[] WIDTH_MAP = new String[0x10000];
    private static final BitSet CONTROL_CHARS = new BitSet(0x10000);
    /** Chars some per-character fixer may change; text without them skips those fixers. */
    private static final BitSet TOUCHED = new BitSet(0x10000);

    static {
        for (int i = 0; i < LIGATURE_KEYS.length; i++) {
            LIGATURES[LIGATURE_KEYS[i]] = LIGATURE_VALUES[i];
        }
        WIDTH_MAP[0x3000] = " ";
        for (char c = '\uff01'; c < '\ufff0'; c++) {
            String s = String.valueOf(c);
            String alt = Normalizer.normalize(s, Normalizer.Form.NFKC);
            if (!alt.equals(s)) {
                WIDTH_MAP[c] = alt;
            }
        }
        CONTROL_CHARS.set(0x00, 0x09);
        CONTROL_CHARS.set(0x0B);
        CONTROL_CHARS.set(0x0E, 0x20);
        CONTROL_CHARS.set(0x7F);
        CONTROL_CHARS.set(0x206A, 0x2070);
        CONTROL_CHARS.set(0xFEFF);
        CONTROL_CHARS.set(0xFFF9, 0xFFFD);

        for (int c = 0; c < 0x10000; c++) {
            if (LIGATURES[c] != null || WIDTH_MAP[c] != null) {
                TOUCHED.set(c);
            }
        }
        TOUCHED.or(CONTROL_CHARS);
        TOUCHED.set(0x80, 0xA0); // C1 controls
        TOUCHED.set(0x02BC);
        TOUCHED.set(0x2018, 0x2020); // curly quotes
        TOUCHED.set('\r');
        TOUCHED.set(0x2028, 0x202A);
        TOUCHED.set(0xD800, 0xE000); // surrogates: only lone ones change, checked later
    }

    private TextFixer() {}

    // ---- UTF8_DETECTOR_RE -------------------------------------------------------------------

    /**
     * ftfy's UTF8_CLUES are the characters that UTF-8 lead and continuation bytes turn into in
     * Latin-1 and the sloppy Windows code pages it handles; they are derived here from the same
     * code-page tables the encoder uses. A space may stand for a 0xA0 continuation byte.
     * "Strict" continuations leave out spaces, dashes, quotes, bullets and ellipses, which often
     * stand for themselves next to mojibake.
     */
    private static final BitSet UTF8_FIRST_OF_2 = new BitSet();
    private static final BitSet UTF8_FIRST_OF_3 = new BitSet();
    private static final BitSet UTF8_FIRST_OF_4 = new BitSet();
    private static final BitSet UTF8_CONTINUATION = new BitSet();
    private static final BitSet UTF8_CONTINUATION_STRICT;

    static {
        List<Charmap> sources = List.of(Charmaps.LATIN_1, Charmaps.SLOPPY_1252, Charmaps.SLOPPY_1250,
                Charmaps.SLOPPY_1251, Charmaps.SLOPPY_1253, Charmaps.SLOPPY_1254, Charmaps.SLOPPY_1257);
        for (Charmap cm : sources) {
            for (int b = 0xC2; b <= 0xDF; b++) {
                UTF8_FIRST_OF_2.set(cm.decode[b]);
            }
            for (int b = 0xE0; b <= 0xEF; b++) {
                UTF8_FIRST_OF_3.set(cm.decode[b]);
            }
            UTF8_FIRST_OF_4.set(cm.decode[0xF0]);
            UTF8_FIRST_OF_4.set(cm.decode[0xF3]);
            for (int b = 0x80; b <= 0xBF; b++) {
                UTF8_CONTINUATION.set(cm.decode[b]);
            }
        }
        UTF8_CONTINUATION.set(0x80, 0xC0);
        UTF8_CONTINUATION_STRICT = (BitSet) UTF8_CONTINUATION.clone();
        for (char c : "\u2013\u2014\u2015\u2018\u2019\u201a\u201c\u201d\u201e\u2022\u2026".toCharArray()) {
            UTF8_CONTINUATION_STRICT.clear(c);
        }
        UTF8_CONTINUATION.set(' ');
    }

    /**
     * The end of ftfy's UTF8_DETECTOR_RE match starting at i, or i when there is none: one or
     * more runs of a lead char followed by 1, 2 or 3 continuation chars (tried in that order, as
     * the regex alternation does), not preceded by a strict continuation char.
     */
    private static int utf8RunEnd(String text, int i) {
        if (i > 0 && UTF8_CONTINUATION_STRICT.get(text.charAt(i - 1))) {
            return i;
        }
        int pos = i;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            int next = -1;
            if (UTF8_FIRST_OF_2.get(c) && continuations(text, pos + 1, 1)) {
                next = pos + 2;
            } else if (UTF8_FIRST_OF_3.get(c) && continuations(text, pos + 1, 2)) {
                next = pos + 3;
            } else if (UTF8_FIRST_OF_4.get(c) && continuations(text, pos + 1, 3)) {
                next = pos + 4;
            }
            if (next < 0) {
                break;
            }
            pos = next;
        }
        return pos;
    }

    private static boolean continuations(String text, int from, int count) {
        if (from + count > text.length()) {
            return false;
        }
        for (int k = from; k < from + count; k++) {
            if (!UTF8_CONTINUATION.get(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasUtf8Run(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (utf8RunEnd(text, i) > i) {
                return true;
            }
        }
        return false;
    }

    // ---- fix_text ---------------------------------------------------------------------------

    /**
     * {@code ftfy.fix_text(text, normalization=form)}; {@code form} is null for no normalization.
     * Returns the same instance when nothing changed.
     */
    public static String fixText(String text, Normalizer.Form form) {
        int n = text.length();
        if (n == 0 || isPlainAscii(text, true)) {
            return text; // most text: no per-line work at all
        }
        boolean unescape = true;
        StringBuilder out = null;
        int pos = 0;
        while (pos < n) {
            int brk = text.indexOf('\n', pos) + 1;
            if (brk == 0) {
                brk = n;
            }
            if (brk - pos > MAX_DECODE_LENGTH) {
                brk = pos + MAX_DECODE_LENGTH;
                if (Character.isHighSurrogate(text.charAt(brk - 1))) {
                    brk--; // keep a surrogate pair in one segment
                }
            }
            String segment = (pos == 0 && brk == n) ? text : text.substring(pos, brk);
            if (unescape && segment.indexOf('<') >= 0) {
                unescape = false;
            }
            String fixed = fixSegment(segment, unescape, form);
            if (out == null && fixed != segment) {
                out = new StringBuilder(n + 16);
                out.append(text, 0, pos);
            }
            if (out != null) {
                out.append(fixed);
            }
            pos = brk;
        }
        if (out == null) {
            return text;
        }
        String result = out.toString();
        return result.equals(text) ? text : result;
    }

    /** ftfy's fix_and_explain without the explanation: all steps, repeated until stable. */
    static String fixSegment(String text, boolean unescape, Normalizer.Form form) {
        if (isPlainAscii(text, unescape)) {
            return text;
        }
        String current = text;
        // ftfy loops until nothing changes; the cap only guards a streaming job against a
        // pathological input whose fixes undo each other (ftfy itself would not return).
        for (int round = 0; ; round++) {
            String orig = current;
            String t = current;
            if (unescape) {
                t = HtmlEntities.unescape(t);
            }
            t = fixEncoding(t);
            if (needsCharFixes(t)) {
                t = fixC1Controls(t);
                t = translate(t, LIGATURES);
                t = translate(t, WIDTH_MAP);
                t = uncurlQuotes(t);
                t = fixLineBreaks(t);
                t = fixSurrogates(t);
            }
            t = removeTerminalEscapes(t);
            t = removeControlChars(t);
            if (form != null && !Normalizer.isNormalized(t, form)) {
                t = Normalizer.normalize(t, form);
            }
            if (t.equals(orig) || round == MAX_ROUNDS) {
                return t.equals(text) ? text : t;
            }
            current = t;
        }
    }

    /**
     * ASCII text with no control characters other than tab, LF and form feed (which ftfy keeps),
     * no escape sequences and no '&' to unescape: every step leaves it alone.
     */
    private static boolean isPlainAscii(String text, boolean unescape) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x7F || (c < 0x20 && c != '\t' && c != '\n' && c != '\f') || (c == '&' && unescape)) {
                return false;
            }
        }
        return true;
    }

    private static boolean needsCharFixes(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (TOUCHED.get(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    // ---- fix_encoding -----------------------------------------------------------------------

    /** ftfy's {@code fix_encoding}: fix mojibake one step at a time until the text is stable. */
    public static String fixEncoding(String text) {
        for (int round = 0; round <= MAX_ROUNDS; round++) {
            String fixed = fixEncodingOneStep(text);
            if (fixed.equals(text)) {
                return text;
            }
            text = fixed;
        }
        return text;
    }

    private static boolean isAscii(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    static String fixEncodingOneStep(String text) {
        if (text.isEmpty() || isAscii(text) || !Badness.isBad(text)) {
            return text;
        }
        List<Charmap> possible = new ArrayList<>(4);
        // Most likely: UTF-8 that was decoded with a single-byte codec. Try each in ftfy's order.
        for (Charmap cm : Charmaps.CHARMAP_ENCODINGS) {
            if (!cm.canEncode(text)) {
                continue;
            }
            possible.add(cm);
            String bytes = cm.encodeToByteString(text);
            // MacRoman is skipped here: an en dash followed by a space would look altered.
            if (cm != Charmaps.MACROMAN && ALTERED_UTF8_RE.matcher(bytes).find()) {
                bytes = restoreByteA0(bytes);
            }
            if (cm.sloppy) {
                bytes = LOSSY_UTF8_RE.matcher(bytes).replaceAll(UTF8_REPLACEMENT_BYTES);
            }
            String decoded = Charmaps.decodeUtf8(bytes);
            if (decoded != null) {
                return decoded;
            }
        }
        // UTF-8 mojibake embedded in otherwise different text: fix the pieces in isolation.
        if (hasUtf8Run(text)) {
            String fixed = decodeInconsistentUtf8(text);
            if (!fixed.equals(text)) {
                return fixed;
            }
        }
        // Latin-1 that was meant as Windows-1252 (ftfy only gets here with C1 controls present,
        // and gives up if one of them is unassigned in Windows-1252).
        if (possible.contains(Charmaps.LATIN_1)) {
            String fixed = latin1AsWindows1252(text);
            if (fixed != null && !fixed.equals(text)) {
                return fixed;
            }
        }
        if (hasC1(text)) {
            return fixC1Controls(text);
        }
        return text;
    }

    private static String restoreByteA0(String bytes) {
        String b = A_GRAVE_WORD_RE.matcher(bytes).replaceAll("\u00c3\u00a0 ");
        Matcher m = ALTERED_UTF8_RE.matcher(b);
        StringBuilder sb = new StringBuilder(b.length());
        int last = 0;
        while (m.find()) {
            sb.append(b, last, m.start()).append(m.group().replace(' ', '\u00a0'));
            last = m.end();
        }
        return sb.append(b, last, b.length()).toString();
    }

    private static String decodeInconsistentUtf8(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        int last = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int end = utf8RunEnd(text, i);
            if (end == i) {
                i++;
                continue;
            }
            String sub = text.substring(i, end);
            // Only strictly shorter pieces, so this cannot recurse forever.
            String rep = sub.length() < n && Badness.isBad(sub) ? fixEncoding(sub) : sub;
            sb.append(text, last, i).append(rep);
            last = end;
            i = end;
        }
        return sb.append(text, last, n).toString();
    }

    private static String latin1AsWindows1252(String text) {
        char[] out = new char[text.length()];
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && c < 0xA0) {
                char d = Charmaps.SLOPPY_1252.decode[c];
                if (d == c) {
                    return null; // unassigned in strict Windows-1252
                }
                c = d;
            }
            out[i] = c;
        }
        return new String(out);
    }

    private static boolean hasC1(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && c < 0xA0) {
                return true;
            }
        }
        return false;
    }

    // ---- the character fixers ----------------------------------------------------------------

    /** C1 controls read as sloppy Windows-1252, as browsers do. */
    static String fixC1Controls(String text) {
        if (!hasC1(text)) {
            return text;
        }
        char[] out = text.toCharArray();
        for (int i = 0; i < out.length; i++) {
            if (out[i] >= 0x80 && out[i] < 0xA0) {
                out[i] = Charmaps.SLOPPY_1252.decode[out[i]];
            }
        }
        return new String(out);
    }

    private static String translate(String text, String[] map) {
        StringBuilder sb = null;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            String rep = map[c];
            if (rep != null) {
                if (sb == null) {
                    sb = new StringBuilder(n + 8);
                    sb.append(text, 0, i);
                }
                sb.append(rep);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    static String uncurlQuotes(String text) {
        char[] out = null;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            char rep = 0;
            if (c == '\u02bc' || (c >= '\u2018' && c <= '\u201b')) {
                rep = '\'';
            } else if (c >= '\u201c' && c <= '\u201f') {
                rep = '"';
            }
            if (rep != 0) {
                if (out == null) {
                    out = text.toCharArray();
                }
                out[i] = rep;
            }
        }
        return out == null ? text : new String(out);
    }

    static String fixLineBreaks(String text) {
        boolean any = false;
        for (int i = 0, n = text.length(); i < n && !any; i++) {
            char c = text.charAt(i);
            any = c == '\r' || c == '\u2028' || c == '\u2029' || c == '\u0085';
        }
        if (!any) {
            return text;
        }
        return text.replace("\r\n", "\n").replace('\r', '\n').replace('\u2028', '\n')
                .replace('\u2029', '\n').replace('\u0085', '\n');
    }

    /** Lone surrogates become U+FFFD (paired ones are already one code point in Java). */
    static String fixSurrogates(String text) {
        char[] out = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = text.toCharArray();
                }
                out[i] = '\uFFFD';
            }
        }
        return out == null ? text : new String(out);
    }

    static String removeTerminalEscapes(String text) {
        if (text.indexOf('\u001b') < 0) {
            return text;
        }
        return ANSI_RE.matcher(text).replaceAll("");
    }

    static String removeControlChars(String text) {
        StringBuilder sb = null;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (CONTROL_CHARS.get(c)) {
                if (sb == null) {
                    sb = new StringBuilder(n);
                    sb.append(text, 0, i);
                }
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }
}
