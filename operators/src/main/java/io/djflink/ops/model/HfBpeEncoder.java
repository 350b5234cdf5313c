package io.djflink.ops.model;

import java.util.Arrays;

/**
 * Tokenizes texts with an {@link HfBpeTokenizer}, reusing its buffers from call to call. Not
 * thread-safe: one encoder per thread; the tokenizer itself is shared.
 *
 * <p>The byte-level pre-tokenizer pattern of GPT-2 ({@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+|
 * ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+}) is run by hand in one forward pass, so no regex
 * engine backtracks over long runs; {@code \s} is Unicode's White_Space, as in the Oniguruma
 * engine the tokenizers library uses. BPE results are cached per word (up to
 * {@value #CACHE_LIMIT} words, then the cache starts over), so the merge loop runs mostly for
 * words not seen recently.
 */
public final class HfBpeEncoder {

    private static final int CACHE_SLOTS = 1 << 14;
    private static final int CACHE_MASK = CACHE_SLOTS - 1;
    /** At most half the slots are used, so probes stay short. */
    static final int CACHE_LIMIT = CACHE_SLOTS / 2;
    /** Longer words are rarely repeated; they are merged every time and not kept. */
    private static final int MAX_CACHED_CHARS = 48;
    /** Buffers grown past this many symbols are dropped after the word. */
    private static final int MAX_KEPT_SYMBOLS = 1 << 16;
    private static final int DEAD = Integer.MIN_VALUE;

    private static final byte LETTER = 1;
    private static final byte NUMBER = 2;
    private static final byte SPACE = 3;
    private static final byte OTHER = 4;
    private static final byte[] ASCII_CLASS = asciiClasses();

    private final HfBpeTokenizer t;

    private final String[] cacheKeys = new String[CACHE_SLOTS];
    private final int[] cacheHashes = new int[CACHE_SLOTS];
    private final int[][] cacheIds = new int[CACHE_SLOTS][];
    private int cacheSize;

    // one word's symbols as a linked list, and the heap of candidate merges (rank << 32 | position)
    private int[] sym = new int[64];
    private int[] next = new int[64];
    private int[] prev = new int[64];
    private long[] heap = new long[192];
    private final int[] utf8 = new int[4];
    private int heapSize;

    private boolean collect;
    private int count;
    private int[] out = new int[256];

    HfBpeEncoder(HfBpeTokenizer tokenizer) {
        this.t = tokenizer;
    }

    /**
     * The number of tokens of {@code text}, i.e. {@code len(tokenizer.tokenize(text))}.
     *
     * @throws IllegalArgumentException when the text has an unpaired surrogate (it has no UTF-8 form)
     */
    public int count(String text) {
        collect = false;
        run(text);
        return count;
    }

    /**
     * The token ids of {@code text}, without special tokens added.
     *
     * @throws IllegalArgumentException when the text has an unpaired surrogate (it has no UTF-8 form)
     */
    public int[] encode(String text) {
        collect = true;
        run(text);
        return Arrays.copyOf(out, count);
    }

    private void run(String text) {
        count = 0;
        splitAddedTokens(t.rawTokens, text, 0, text.length(), true);
    }

    /**
     * Emits the added tokens of {@code s[from, to)} and hands the text between them on: raw text
     * to normalization and the normalized added tokens, normalized text to the pre-tokenizer.
     */
    private void splitAddedTokens(HfBpeTokenizer.AddedTokens tokens, String s, int from, int to, boolean raw) {
        int gap = from;
        if (!tokens.isEmpty()) {
            for (int i = from; i < to; ) {
                long m = tokens.longestAt(s, i, to);
                if (m < 0) {
                    i++;
                    continue;
                }
                between(s, gap, i, raw);
                emit((int) m);
                i = (int) (m >>> 32);
                gap = i;
            }
        }
        between(s, gap, to, raw);
    }

    private void between(String s, int from, int to, boolean raw) {
        if (from == to) {
            return;
        }
        if (raw) {
            String normalized = t.normalize(from == 0 && to == s.length() ? s : s.substring(from, to));
            splitAddedTokens(t.normalizedTokens, normalized, 0, normalized.length(), false);
        } else {
            preTokenize(s, from, to);
        }
    }

    private void preTokenize(String s, int from, int to) {
        if (t.addPrefixSpace && s.charAt(from) != ' ') {
            s = " " + s.substring(from, to);
            to = s.length();
            from = 0;
        }
        if (!t.useRegex) {
            word(s, from, to);
            return;
        }
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c == '\'' && i + 1 < to) {
                int k = contraction(s, i, to);
                if (k > 0) {
                    word(s, i, i + k);
                    i += k;
                    continue;
                }
            }
            // ' ?' takes a space only when a letter, number or other char follows it
            int j = c == ' ' && i + 1 < to ? i + 1 : i;
            int cp = s.codePointAt(j);
            byte cls = classOf(cp);
            if (cls == SPACE) {
                i = whitespace(s, i, to);
                continue;
            }
            int k = j + Character.charCount(cp);
            while (k < to) {
                int cp2 = s.codePointAt(k);
                if (classOf(cp2) != cls) {
                    break;
                }
                k += Character.charCount(cp2);
            }
            word(s, i, k);
            i = k;
        }
    }

    /** The length of the contraction ({@code 's 't 're 've 'm 'll 'd}) at {@code i}, or 0. */
    private static int contraction(String s, int i, int to) {
        char d = s.charAt(i + 1);
        if (d == 's' || d == 't' || d == 'm' || d == 'd') {
            return 2;
        }
        if (i + 2 < to) {
            char e = s.charAt(i + 2);
            if (((d == 'r' || d == 'v') && e == 'e') || (d == 'l' && e == 'l')) {
                return 3;
            }
        }
        return 0;
    }

    /**
     * {@code \s+(?!\S)|\s+} at {@code i}: a whitespace run up to the end of the piece, or short of
     * its last char when a non-space follows (that char then starts the next word), or one char.
     * Every White_Space char is in the BMP, so chars are code points here.
     */
    private int whitespace(String s, int i, int to) {
        int k = i + 1;
        while (k < to && isSpace(s.charAt(k))) {
            k++;
        }
        if (k < to && k - i >= 2) {
            k--;
        }
        word(s, i, k);
        return k;
    }

    private static byte classOf(int cp) {
        if (cp < 128) {
            return ASCII_CLASS[cp];
        }
        if (isSpace(cp)) {
            return SPACE;
        }
        switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER:
            case Character.LOWERCASE_LETTER:
            case Character.TITLECASE_LETTER:
            case Character.MODIFIER_LETTER:
            case Character.OTHER_LETTER:
                return LETTER;
            case Character.DECIMAL_DIGIT_NUMBER:
            case Character.LETTER_NUMBER:
            case Character.OTHER_NUMBER:
                return NUMBER;
            default:
                return OTHER;
        }
    }

    /** Unicode's White_Space property. */
    static boolean isSpace(int cp) {
        if (cp < 128) {
            return cp == ' ' || (cp >= '\t' && cp <= '\r');
        }
        return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A)
                || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    private static byte[] asciiClasses() {
        byte[] c = new byte[128];
        for (int i = 0; i < 128; i++) {
            c[i] = isSpace(i) ? SPACE
                    : (i >= 'a' && i <= 'z') || (i >= 'A' && i <= 'Z') ? LETTER
                    : i >= '0' && i <= '9' ? NUMBER
                    : OTHER;
        }
        return c;
    }

    // ---------------------------------------------------------------- BPE per word

    private void word(String s, int from, int to) {
        int len = to - from;
        if (len > MAX_CACHED_CHARS) {
            emitSymbols(bpe(s, from, to));
            if (sym.length > MAX_KEPT_SYMBOLS) {
                // one huge word (a blob without spaces) should not pin its buffers to the encoder
                sym = new int[64];
                next = new int[64];
                prev = new int[64];
                heap = new long[192];
            }
            return;
        }
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        h ^= h >>> 15;
        int slot = h & CACHE_MASK;
        for (String k; (k = cacheKeys[slot]) != null; slot = (slot + 1) & CACHE_MASK) {
            if (cacheHashes[slot] == h && k.length() == len && s.regionMatches(from, k, 0, len)) {
                emit(cacheIds[slot]);
                return;
            }
        }
        int n = bpe(s, from, to);
        int[] ids = new int[n];
        for (int i = 0, p = 0; i < n; i++, p = next[p]) {
            ids[i] = sym[p];
        }
        if (cacheSize >= CACHE_LIMIT) {
            Arrays.fill(cacheKeys, null);
            Arrays.fill(cacheIds, null);
            cacheSize = 0;
            slot = h & CACHE_MASK;
        }
        cacheKeys[slot] = s.substring(from, to);
        cacheHashes[slot] = h;
        cacheIds[slot] = ids;
        cacheSize++;
        emit(ids);
    }

    /**
     * Merges the word's bytes; the result is the linked list from position 0 through
     * {@link #next}. Returns its length.
     */
    private int bpe(String s, int from, int to) {
        int n = bytesToSymbols(s, from, to);
        if (n <= 1) {
            return n;
        }
        if (t.vocab != null) {
            Integer whole = t.vocab.get(byteLevel(s, from, to));
            if (whole != null) {
                sym[0] = whole;
                next[0] = -1;
                return 1;
            }
        }
        for (int i = 0; i < n; i++) {
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        if (heap.length < 3 * n) {
            heap = new long[3 * n];
        }
        heapSize = 0;
        for (int i = 0; i + 1 < n; i++) {
            long m = t.merge(sym[i], sym[i + 1]);
            if (m >= 0) {
                push((m & 0xFFFFFFFF00000000L) | i);
            }
        }
        int alive = n;
        while (heapSize > 0) {
            long top = pop();
            int pos = (int) top;
            int nx = next[pos];
            if (sym[pos] == DEAD || nx < 0) {
                continue;
            }
            long m = t.merge(sym[pos], sym[nx]);
            // a stale candidate: one of its symbols merged with another neighbour since
            if (m < 0 || (m >>> 32) != (top >>> 32)) {
                continue;
            }
            sym[pos] = (int) m;
            sym[nx] = DEAD;
            int nn = next[nx];
            next[pos] = nn;
            if (nn >= 0) {
                prev[nn] = pos;
            }
            alive--;
            int pv = prev[pos];
            if (pv >= 0) {
                long ml = t.merge(sym[pv], sym[pos]);
                if (ml >= 0) {
                    push((ml & 0xFFFFFFFF00000000L) | pv);
                }
            }
            if (nn >= 0) {
                long mr = t.merge(sym[pos], sym[nn]);
                if (mr >= 0) {
                    push((mr & 0xFFFFFFFF00000000L) | pos);
                }
            }
        }
        return alive;
    }

    /** The word's UTF-8 bytes as byte-level vocab ids in {@link #sym}; returns how many. */
    private int bytesToSymbols(String s, int from, int to) {
        int n = 0;
        boolean lastUnk = false;
        for (int i = from; i < to; ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (sym.length < n + 4) {
                grow(n + 4);
            }
            if (cp < 0x80) {
                lastUnk = addByte(n, cp, lastUnk);
                n += sym[n] == DEAD ? 0 : 1;
            } else {
                int len = utf8(cp);
                for (int k = 0; k < len; k++) {
                    lastUnk = addByte(n, utf8[k], lastUnk);
                    n += sym[n] == DEAD ? 0 : 1;
                }
            }
        }
        return n;
    }

    /** Writes the UTF-8 bytes of {@code cp} (not ASCII) to {@link #utf8}; returns how many. */
    private int utf8(int cp) {
        if (cp < 0x800) {
            utf8[0] = 0xC0 | (cp >> 6);
            utf8[1] = 0x80 | (cp & 0x3F);
            return 2;
        }
        if (cp < 0x10000) {
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                throw new IllegalArgumentException("text has an unpaired surrogate (U+"
                        + Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT) + "), which has no UTF-8 form");
            }
            utf8[0] = 0xE0 | (cp >> 12);
            utf8[1] = 0x80 | ((cp >> 6) & 0x3F);
            utf8[2] = 0x80 | (cp & 0x3F);
            return 3;
        }
        utf8[0] = 0xF0 | (cp >> 18);
        utf8[1] = 0x80 | ((cp >> 12) & 0x3F);
        utf8[2] = 0x80 | ((cp >> 6) & 0x3F);
        utf8[3] = 0x80 | (cp & 0x3F);
        return 4;
    }

    /**
     * Puts byte {@code b}'s symbol at {@code sym[n]}, or {@link #DEAD} when it adds none: a byte
     * missing from the vocab becomes the unknown token, or nothing without one (as in the
     * tokenizers library), and with {@code fuse_unk} a run of them one unknown token.
     *
     * @return whether the byte was unknown
     */
    private boolean addByte(int n, int b, boolean lastUnk) {
        int id = t.byteIds[b];
        if (id >= 0) {
            sym[n] = id;
            return false;
        }
        sym[n] = t.unkId < 0 || (t.fuseUnk && lastUnk) ? DEAD : t.unkId;
        return true;
    }

    private String byteLevel(String s, int from, int to) {
        byte[] bytes = s.substring(from, to).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        char[] chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            chars[i] = HfBpeTokenizer.BYTE_CHARS[bytes[i] & 0xFF];
        }
        return new String(chars);
    }

    private void grow(int min) {
        int cap = Math.max(min, sym.length * 2);
        sym = Arrays.copyOf(sym, cap);
        next = Arrays.copyOf(next, cap);
        prev = Arrays.copyOf(prev, cap);
    }

    private void push(long v) {
        long[] h = heap;
        int i = heapSize++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (h[parent] <= v) {
                break;
            }
            h[i] = h[parent];
            i = parent;
        }
        h[i] = v;
    }

    private long pop() {
        long[] h = heap;
        long top = h[0];
        long last = h[--heapSize];
        int n = heapSize;
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= n) {
                break;
            }
            if (child + 1 < n && h[child + 1] < h[child]) {
                child++;
            }
            if (h[child] >= last) {
                break;
            }
            h[i] = h[child];
            i = child;
        }
        h[i] = last;
        return top;
    }

    // ---------------------------------------------------------------- output

    private void emit(int id) {
        if (collect) {
            if (count == out.length) {
                out = Arrays.copyOf(out, count * 2);
            }
            out[count] = id;
        }
        count++;
    }

    private void emit(int[] ids) {
        if (collect) {
            if (count + ids.length > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, count + ids.length));
            }
            System.arraycopy(ids, 0, out, count, ids.length);
        }
        count += ids.length;
    }

    private void emitSymbols(int n) {
        if (collect) {
            if (count + n > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, count + n));
            }
            for (int i = 0, p = 0; i < n; i++, p = next[p]) {
                out[count + i] = sym[p];
            }
        }
        count += n;
    }
}
