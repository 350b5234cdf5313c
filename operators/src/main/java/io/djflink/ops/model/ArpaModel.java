package io.djflink.ops.model;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * A back-off n-gram language model read from an ARPA file (plain or gzip), scoring sentences as
 * KenLM scores them: log10 probabilities, the longest n-gram found by extending the context one
 * word to the left until a lookup misses, plus the back-off weights of the longer contexts that
 * were found, each word's score summed in float; words missing from the vocabulary are
 * {@code <unk>} (log10 probability -100 when the file has none, as KenLM substitutes).
 *
 * <p>Memory: each order in one open-addressing table of a 64-bit hash (of the word, of the word
 * ids for higher orders; like KenLM's probing model, the words themselves are not kept) with two
 * floats beside it (one for the highest order), 16 to 32 bytes per n-gram (12 to 24 for the
 * highest order) as the tables fill to between 3/8 and 3/4; no object per entry. KenLM's binary
 * format ({@code .arpa.bin}, {@code .binary}) is not read: it is refused with a message.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * ArpaModel lm = ArpaModel.shared(Path.of("en.arpa.gz"));
 * float log10 = lm.score("▁the ▁cat ▁sat");   // kenlm.Model.score(line), with <s> and </s>
 * }</pre>
 */
public final class ArpaModel {

    /** KenLM's log10 probability for {@code <unk>} when the ARPA file lacks it. */
    static final float MISSING_UNK_LOG10 = -100f;

    private static final SharedModels<ArpaModel> SHARED = new SharedModels<>(ArpaModel::load);

    private final int order;
    /**
     * Unigrams by a 64-bit hash of the word, as KenLM's probing vocabulary keeps them (no word
     * strings); a word's id is its slot, so {@code vocab.prob[id]} is its log10 probability.
     */
    private final Table vocab;
    private final float[] uniProb;
    private final float[] uniBackoff;
    /** Tables of orders 2..N at index order - 2. */
    private final Table[] tables;
    private final int unk;
    private final int bos;
    private final int eos;

    /** Open-addressing table from n-gram hash to (prob, backoff). */
    static final class Table {
        final long[] keys;
        final float[] prob;
        final float[] backoff;
        final int mask;

        /** A table for {@code entries} keys, filled to at most 3/4; the highest order has no back-off weights. */
        Table(long entries, boolean withBackoff) {
            long need = Math.max(4, (entries * 4 + 2) / 3);
            long cap = Long.highestOneBit(need - 1) << 1;
            if (cap > (1 << 30)) {
                throw new IllegalArgumentException("too many n-grams of one order for one table: " + entries);
            }
            keys = new long[(int) cap];
            prob = new float[(int) cap];
            backoff = withBackoff ? new float[(int) cap] : null;
            mask = (int) cap - 1;
        }

        /** Slot of {@code key}, or -1. */
        int find(long key) {
            int i = (int) (key ^ (key >>> 32)) & mask;
            long k;
            while ((k = keys[i]) != 0) {
                if (k == key) {
                    return i;
                }
                i = (i + 1) & mask;
            }
            return -1;
        }

        /** False when the key is there already (the same n-gram twice, or a 64-bit hash collision). */
        boolean put(long key, float p, float b) {
            int i = (int) (key ^ (key >>> 32)) & mask;
            long k;
            while ((k = keys[i]) != 0) {
                if (k == key) {
                    return false;
                }
                i = (i + 1) & mask;
            }
            keys[i] = key;
            prob[i] = p;
            if (backoff != null) {
                backoff[i] = b;
            }
            return true;
        }
    }

    private ArpaModel(Path file, BufferedReader r) throws IOException {
        Parser in = new Parser(file, r);
        long[] counts = in.header();
        this.order = counts.length;
        this.vocab = new Table(counts[0] + 1, order > 1);
        in.section(1);
        String[] words = new String[1];
        for (long i = 0; i < counts[0]; i++) {
            float[] pb = in.ngram(1, words);
            if (!vocab.put(wordHash(words[0], 0, words[0].length()), pb[0], pb[1])) {
                throw in.error("unigram '" + words[0] + "' appears twice (or two words share a 64-bit hash)");
            }
        }
        int u = id("<unk>");
        if (u < 0) {
            vocab.put(wordHash("<unk>", 0, 5), MISSING_UNK_LOG10, 0f);
            u = id("<unk>");
        }
        this.unk = u;
        this.uniProb = vocab.prob;
        this.uniBackoff = vocab.backoff;
        int b = id("<s>");
        int e = id("</s>");
        if (b < 0 || e < 0) {
            throw in.error("the vocabulary lacks " + (b < 0 ? "<s>" : "</s>") + ", which KenLM requires");
        }
        this.bos = b;
        this.eos = e;
        this.tables = new Table[order - 1];
        int[] ids = new int[order];
        for (int n = 2; n <= order; n++) {
            Table t = new Table(counts[n - 1], n < order);
            tables[n - 2] = t;
            in.section(n);
            words = new String[n];
            for (long i = 0; i < counts[n - 1]; i++) {
                float[] pb = in.ngram(n, words);
                for (int k = 0; k < n; k++) {
                    int id = id(words[k]);
                    if (id < 0) {
                        throw in.error("'" + words[k] + "' of " + n + "-gram '" + String.join(" ", words)
                                + "' is not a unigram");
                    }
                    ids[k] = id;
                }
                if (!t.put(key(ids, n - 1, n), pb[0], pb[1])) {
                    throw in.error(n + "-gram '" + String.join(" ", words) + "' appears twice (or two "
                            + n + "-grams share a 64-bit hash)");
                }
            }
        }
        in.end();
    }

    /** Loads an ARPA file (gzip-compressed or not). Prefer {@link #shared(Path)}. */
    public static ArpaModel load(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(64);
            byte[] head = raw.readNBytes(64);
            raw.reset();
            if (new String(head, StandardCharsets.ISO_8859_1).startsWith("mmap lm ")) {
                throw new IllegalArgumentException(file + " is a KenLM binary model, which djflink cannot read: give the "
                        + "ARPA file it was built from (plain or .gz)");
            }
            InputStream in = head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B
                    ? new GZIPInputStream(raw, 1 << 16) : raw;
            return new ArpaModel(file, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16));
        }
    }

    /** The model in {@code file}, loaded once per JVM (per real path) and shared by every caller. */
    public static ArpaModel shared(Path file) throws IOException {
        return SHARED.get(file);
    }

    /** The n-gram order. */
    public int order() {
        return order;
    }

    /** The id of {@code word}, {@code <unk>}'s for a word outside the vocabulary. */
    public int index(String word) {
        return index(word, 0, word.length());
    }

    private int index(String s, int from, int to) {
        int id = vocab.find(wordHash(s, from, to));
        return id < 0 ? unk : id;
    }

    private int id(String word) {
        return vocab.find(wordHash(word, 0, word.length()));
    }

    /** A 64-bit hash of {@code s[from, to)}, never 0 (the empty slot). */
    private static long wordHash(String s, int from, int to) {
        long h = 0xCBF29CE484222325L;
        for (int i = from; i < to; i++) {
            h = (h ^ s.charAt(i)) * 0x100000001B3L;
        }
        h = mix(h + to - from);
        return h == 0 ? 1 : h;
    }

    /**
     * KenLM's {@code Model.score(sentence)} with {@code bos} and {@code eos}: log10 p(words
     * {@code </s>} | {@code <s>}), the words split on ASCII whitespace (space, tab, LF, CR, VT, FF)
     * as KenLM's tokenizer splits, accumulated in float as KenLM does.
     */
    public float score(String sentence) {
        int[] hist = new int[16];
        hist[0] = bos;
        int len = 1;
        float total = 0f;
        int n = sentence.length();
        int i = 0;
        while (true) {
            while (i < n && asciiSpace(sentence.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n && !asciiSpace(sentence.charAt(i))) {
                i++;
            }
            int w = index(sentence, start, i);
            total += wordScore(hist, len, w);
            if (len == hist.length) {
                hist = Arrays.copyOf(hist, len * 2);
            }
            hist[len++] = w;
        }
        return total + wordScore(hist, len, eos);
    }

    private static boolean asciiSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** log10 p(w | hist[0, len)) as KenLM's FullScore computes it. */
    float wordScore(int[] hist, int len, int w) {
        float prob = uniProb[w];
        int matched = 1;
        long key = seed(w);
        int maxCtx = Math.min(order - 1, len);
        for (int k = 1; k <= maxCtx; k++) {
            key = combine(key, hist[len - k]);
            Table t = tables[k - 1];
            int slot = t.find(key);
            if (slot < 0) {
                break;
            }
            prob = t.prob[slot];
            matched = k + 1;
        }
        // back-off weights of the contexts longer than the match that exist, shortest first
        if (maxCtx >= matched) {
            int last = hist[len - 1];
            if (matched == 1) {
                prob += uniBackoff[last];
            }
            long ck = seed(last);
            for (int j = 2; j <= maxCtx; j++) {
                ck = combine(ck, hist[len - j]);
                Table t = tables[j - 2];
                int slot = t.find(ck);
                if (slot < 0) {
                    break;
                }
                if (j >= matched) {
                    prob += t.backoff[slot];
                }
            }
        }
        return prob;
    }

    /** The hash of {@code ids[last - n + 1 .. last]}, chained from the last word leftwards. */
    private static long key(int[] ids, int last, int n) {
        long k = seed(ids[last]);
        for (int j = 1; j < n; j++) {
            k = combine(k, ids[last - j]);
        }
        return k;
    }

    private static long seed(int id) {
        return mix(id + 0x9E3779B97F4A7C15L);
    }

    private static long combine(long h, int id) {
        long k = mix(h * 0xC2B2AE3D27D4EB4FL + id + 1);
        return k == 0 ? 1 : k;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }

    /** Line reader of the ARPA layout. */
    private static final class Parser {
        private final Path file;
        private final BufferedReader r;
        private long lineNo;
        private String pending;

        Parser(Path file, BufferedReader r) {
            this.file = file;
            this.r = r;
        }

        private String next() throws IOException {
            if (pending != null) {
                String s = pending;
                pending = null;
                return s;
            }
            String s = r.readLine();
            lineNo++;
            return s;
        }

        /** The next non-blank line, or null at the end. */
        private String nextNonBlank() throws IOException {
            String s;
            while ((s = next()) != null && s.isBlank()) {
                // blank lines separate sections
            }
            return s;
        }

        long[] header() throws IOException {
            String s;
            while ((s = next()) != null && !s.strip().equals("\\data\\")) {
                // text before \data\ is a comment in ARPA files
            }
            if (s == null) {
                throw error("no \\data\\ section: not an ARPA file");
            }
            long[] counts = new long[0];
            while ((s = next()) != null) {
                String t = s.strip();
                if (t.isEmpty()) {
                    if (counts.length > 0) {
                        break;
                    }
                    continue;
                }
                if (!t.startsWith("ngram ")) {
                    pending = s;
                    break;
                }
                int eq = t.indexOf('=');
                try {
                    int n = Integer.parseInt(t.substring(6, eq).strip());
                    long c = Long.parseLong(t.substring(eq + 1).strip());
                    if (n != counts.length + 1) {
                        throw error("ngram counts out of order at '" + t + "'");
                    }
                    counts = Arrays.copyOf(counts, n);
                    counts[n - 1] = c;
                } catch (RuntimeException e) {
                    if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
                        throw e;
                    }
                    throw error("malformed count line '" + t + "'");
                }
            }
            if (counts.length == 0) {
                throw error("\\data\\ gives no ngram counts");
            }
            return counts;
        }

        void section(int n) throws IOException {
            String s = nextNonBlank();
            if (s == null || !s.strip().equals("\\" + n + "-grams:")) {
                throw error("expected \\" + n + "-grams:, found " + (s == null ? "the end of the file" : "'" + s + "'"));
            }
        }

        /** Reads one n-gram line into {@code words}; returns {prob, backoff}. */
        float[] ngram(int n, String[] words) throws IOException {
            String s = next();
            if (s == null || s.isBlank() || s.startsWith("\\")) {
                throw error("fewer " + n + "-grams than \\data\\ announces");
            }
            int len = s.length();
            int i = 0;
            int field = 0;
            float prob = 0f;
            float backoff = 0f;
            while (i < len) {
                while (i < len && isSep(s.charAt(i))) {
                    i++;
                }
                if (i >= len) {
                    break;
                }
                int start = i;
                while (i < len && !isSep(s.charAt(i))) {
                    i++;
                }
                String tok = s.substring(start, i);
                if (field == 0) {
                    prob = number(tok);
                } else if (field <= n) {
                    words[field - 1] = tok;
                } else if (field == n + 1) {
                    backoff = number(tok);
                } else {
                    throw error("too many fields in " + n + "-gram line '" + s + "'");
                }
                field++;
            }
            if (field < n + 1) {
                throw error("too few fields in " + n + "-gram line '" + s + "'");
            }
            return new float[] {prob, backoff};
        }

        private static boolean isSep(char c) {
            return c == ' ' || c == '\t';
        }

        private float number(String tok) {
            switch (tok) {
                case "-inf":
                case "-Infinity":
                    return Float.NEGATIVE_INFINITY;
                case "inf":
                case "Infinity":
                    return Float.POSITIVE_INFINITY;
                default:
                    try {
                        return Float.parseFloat(tok);
                    } catch (NumberFormatException e) {
                        throw error("'" + tok + "' is not a number");
                    }
            }
        }

        void end() throws IOException {
            String s = nextNonBlank();
            if (s == null || !s.strip().equals("\\end\\")) {
                throw error("expected \\end\\, found " + (s == null ? "the end of the file" : "'" + s + "'"));
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(file + ":" + lineNo + ": " + what);
        }
    }
}
