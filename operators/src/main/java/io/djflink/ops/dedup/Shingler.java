package io.djflink.ops.dedup;

import io.djflink.ops.ParamException;
import io.djflink.ops.text.PyRegex;
import io.djflink.ops.text.Words;
import io.djflink.ops.model.SentencePieceModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The shingling of Data-Juicer's near-dedup ops: optional {@code lower()}, optional removal of
 * {@code ignore_pattern}, tokenization, then every run of {@code window_size} consecutive tokens
 * joined (by one space, or by nothing for characters and sentencepiece pieces) and UTF-8 encoded.
 *
 * <p>The shingles are handed out as ranges of one reused buffer holding the tokens already
 * joined by single spaces, so a shingle is a contiguous slice and nothing is allocated per
 * shingle. Not thread-safe.
 */
final class Shingler {

    /** Data-Juicer's tokenization names. */
    enum Mode {
        /** {@code split_on_whitespace}: the space character only, empty pieces dropped. */
        SPACE,
        /** {@code regex.split(r'\p{P}', text)}: every punctuation code point splits, empties kept. */
        PUNCTUATION,
        /** code points of the text, shingles are substrings of window_size code points. */
        CHARACTER,
        /** a sentencepiece model's {@code encode_as_pieces}, shingles joined by nothing. */
        SENTENCEPIECE
    }

    /** Receives each shingle as {@code buf[off, off+len)}; the buffer is reused. */
    interface Sink {
        void shingle(byte[] buf, int off, int len) throws Exception;
    }

    private static final String PUNCT = "\\p{P}";

    /** ASCII as is, and ASCII lower-cased, by char: the tokenizer's fast path. */
    private static final byte[] ASCII = new byte[0x80];
    private static final byte[] LOWER_ASCII = new byte[0x80];

    static {
        for (int c = 0; c < 0x80; c++) {
            ASCII[c] = (byte) c;
            LOWER_ASCII[c] = (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
    }

    private final Mode mode;
    private final int window;
    private final boolean lowercase;
    /** ignore_pattern compiled, or null when absent or when it is {@code \p{P}} (done by hand). */
    private final Pattern ignore;
    private final boolean ignorePunctuation;
    /** The sentencepiece model file (SENTENCEPIECE mode), loaded on first use. */
    private final Path model;
    private SentencePieceModel sp;

    private byte[] utf8 = new byte[1024];
    private char[] chars = new char[1024];
    private int[] starts = new int[256];
    private int[] ends = new int[256];
    private int tokens;

    Shingler(Mode mode, int window, boolean lowercase, String ignorePattern) {
        this(mode, window, lowercase, ignorePattern, null);
    }

    /** A shingler; {@code model} is the sentencepiece model file of the SENTENCEPIECE mode (else null). */
    Shingler(Mode mode, int window, boolean lowercase, String ignorePattern, Path model) {
        if ((mode == Mode.SENTENCEPIECE) != (model != null)) {
            throw new IllegalArgumentException("a sentencepiece model goes with the SENTENCEPIECE mode, and only with it");
        }
        this.model = model;
        this.mode = mode;
        this.window = window;
        this.lowercase = lowercase;
        this.ignorePunctuation = PUNCT.equals(ignorePattern);
        if (ignorePattern != null && !ignorePunctuation) {
            try {
                this.ignore = PyRegex.compile(ignorePattern, false).pattern();
            } catch (IllegalArgumentException e) {
                throw new ParamException("ignore_pattern", "ignore_pattern '" + ignorePattern + "': " + e.getMessage());
            }
        } else {
            this.ignore = null;
        }
    }

    /** Loads the sentencepiece model, if the mode has one. */
    void open() throws IOException {
        if (model != null && sp == null) {
            sp = SentencePieceModel.shared(model);
        }
    }

    /** Parses a tokenization name; anything else is refused as Data-Juicer refuses it. */
    static Mode mode(String op, String tokenization) {
        switch (tokenization) {
            case "space":
                return Mode.SPACE;
            case "punctuation":
                return Mode.PUNCTUATION;
            case "character":
                return Mode.CHARACTER;
            default:
                throw new ParamException("tokenization",
                        "op " + op + ": tokenization '" + tokenization + "' is not implemented "
                                + "(Data-Juicer raises NotImplementedError); use space, punctuation or character");
        }
    }

    /** Feeds every shingle of {@code text} (duplicates included, in order) to the sink; returns their count. */
    int shingles(String text, Sink sink) throws Exception {
        // Lower-casing code point by code point while tokenizing saves building the lowered copy;
        // it equals Python's lower() except for U+0130 (two code points) and the final-sigma rule
        // of U+03A3, and must come before an ignore_pattern, so those take the whole-string way.
        boolean fold = lowercase && ignore == null && !ignorePunctuation && mode != Mode.SENTENCEPIECE
                && text.indexOf('\u0130') < 0 && text.indexOf('\u03A3') < 0;
        String t = lowercase && !fold ? Words.lower(text) : text;
        if (ignorePunctuation) {
            t = removePunctuation(t);
        } else if (ignore != null) {
            t = ignore.matcher(t).replaceAll("");
        }
        tokenize(t, fold);
        int n = tokens - window + 1;
        for (int i = 0; i < n; i++) {
            int s = starts[i];
            sink.shingle(utf8, s, ends[i + window - 1] - s);
        }
        return Math.max(n, 0);
    }

    private static boolean isPunctuation(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION:
            case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
                return true;
            default:
                return false;
        }
    }

    private static String removePunctuation(String s) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            int cp = s.codePointAt(i);
            if (isPunctuation(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        if (i == n) {
            return s;
        }
        StringBuilder sb = new StringBuilder(n);
        sb.append(s, 0, i);
        while (i < n) {
            int cp = s.codePointAt(i);
            if (!isPunctuation(cp)) {
                sb.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    /**
     * Encodes the tokens of {@code t} into {@link #utf8}, joined by one space (none for
     * characters), recording each token's byte range.
     */
    private void tokenize(String t, boolean fold) {
        int n = t.length();
        // at most three bytes per UTF-16 unit (a surrogate pair takes four for two units); a joining
        // space always stands for at least one separator unit that writes nothing itself
        ensureBytes(n * 3 + 8);
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        // one bulk copy, then plain array reads: String.codePointAt checks bounds and coder per call
        char[] cs = chars;
        t.getChars(0, n, cs, 0);
        tokens = 0;
        int w = 0;
        int i = 0;
        switch (mode) {
            case SENTENCEPIECE:
                if (sp == null) {
                    try {
                        open();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the sentencepiece model " + model, e);
                    }
                }
                for (String piece : sp.encodeAsPieces(t)) {
                    ensureTokens();
                    starts[tokens] = w;
                    ensureBytes(w + piece.length() * 3);
                    for (int j = 0; j < piece.length(); ) {
                        int cp = piece.codePointAt(j);
                        j += Character.charCount(cp);
                        w = put(cp, w, piece, j);
                    }
                    ends[tokens++] = w;
                }
                break;
            case CHARACTER:
                while (i < n) {
                    int cp = codePointAt(cs, i, n);
                    i += Character.charCount(cp);
                    cp = fold ? lower(cp) : cp;
                    ensureTokens();
                    starts[tokens] = w;
                    w = put(cp, w, t, i);
                    ends[tokens++] = w;
                }
                break;
            case SPACE:
                boolean inToken = false;
                byte[] lowerAscii = fold ? LOWER_ASCII : ASCII;
                while (i < n) {
                    char c = cs[i];
                    if (c < 0x80 && c != ' ') {
                        // a run of ASCII: one table load and one store per char
                        if (!inToken) {
                            w = startToken(w);
                            inToken = true;
                        }
                        byte[] b = utf8;
                        do {
                            b[w++] = lowerAscii[c];
                        } while (++i < n && (c = cs[i]) < 0x80 && c != ' ');
                        continue;
                    }
                    int cp = codePointAt(cs, i, n);
                    i += Character.charCount(cp);
                    cp = fold ? lower(cp) : cp;
                    if (cp == ' ') {
                        if (inToken) {
                            ends[tokens++] = w;
                            inToken = false;
                        }
                        continue;
                    }
                    if (!inToken) {
                        w = startToken(w);
                        inToken = true;
                    }
                    w = put(cp, w, t, i);
                }
                if (inToken) {
                    ends[tokens++] = w;
                }
                break;
            default:
                // Python's split keeps the empty pieces around adjacent separators and at both ends
                ensureTokens();
                starts[0] = 0;
                while (i < n) {
                    int cp = codePointAt(cs, i, n);
                    i += Character.charCount(cp);
                    cp = fold ? lower(cp) : cp;
                    if (isPunctuation(cp)) {
                        ends[tokens++] = w;
                        ensureTokens();
                        utf8[w++] = ' ';
                        starts[tokens] = w;
                    } else {
                        w = put(cp, w, t, i);
                    }
                }
                ends[tokens++] = w;
        }
    }

    /** Starts a space-mode token at byte {@code w}, after one joining space unless it is the first; returns where its bytes go. */
    private int startToken(int w) {
        ensureTokens();
        if (tokens > 0) {
            utf8[w++] = ' ';
        }
        starts[tokens] = w;
        return w;
    }

    /** {@link String#codePointAt} on a copy of the string's first {@code n} chars. */
    private static int codePointAt(char[] cs, int i, int n) {
        char c = cs[i];
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(cs[i + 1])) {
            return Character.toCodePoint(c, cs[i + 1]);
        }
        return c;
    }

    private static int lower(int cp) {
        if (cp < 0x80) {
            return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
        }
        return Character.toLowerCase(cp);
    }

    private int put(int cp, int w, String t, int next) {
        byte[] b = utf8;
        if (cp < 0x80) {
            b[w++] = (byte) cp;
        } else if (cp < 0x800) {
            b[w++] = (byte) (0xC0 | (cp >> 6));
            b[w++] = (byte) (0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            if (Character.isSurrogate((char) cp)) {
                // Python's str.encode() refuses a lone surrogate; so do we
                throw new IllegalArgumentException("'utf-8' codec can't encode character '\\u"
                        + Integer.toHexString(cp) + "' at position " + (next - 1) + ": surrogates not allowed");
            }
            b[w++] = (byte) (0xE0 | (cp >> 12));
            b[w++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            b[w++] = (byte) (0x80 | (cp & 0x3F));
        } else {
            b[w++] = (byte) (0xF0 | (cp >> 18));
            b[w++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            b[w++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            b[w++] = (byte) (0x80 | (cp & 0x3F));
        }
        return w;
    }

    /** Makes room for {@code need} bytes, keeping what is written. */
    private void ensureBytes(int need) {
        if (utf8.length < need) {
            utf8 = java.util.Arrays.copyOf(utf8, Math.max(need, utf8.length * 2));
        }
    }

    private void ensureTokens() {
        if (tokens + 1 >= starts.length) {
            int len = starts.length * 2;
            starts = java.util.Arrays.copyOf(starts, len);
            ends = java.util.Arrays.copyOf(ends, len);
        }
    }
}
