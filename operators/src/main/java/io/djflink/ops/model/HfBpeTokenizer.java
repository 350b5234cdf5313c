package io.djflink.ops.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face tokenizer ({@code tokenizer.json}) of the byte-level BPE kind that GPT-2,
 * GPT-NeoX and the Pythia models use, read and run in pure Java. Immutable and thread-safe once
 * loaded; each thread tokenizes through its own {@link HfBpeEncoder} ({@link #newEncoder()}),
 * which holds the scratch buffers and a bounded per-word cache.
 *
 * <p>Tokenization is that of the {@code tokenizers} library's {@code encode} without special
 * tokens (what {@code transformers}' {@code tokenizer.tokenize(text)} returns): added tokens are
 * split off first (those with {@code normalized: false} from the raw text, then the others from
 * the normalized text, leftmost-longest), the rest is normalized, pre-tokenized with the
 * byte-level (GPT-2) pattern and cut into BPE tokens, merging the lowest-ranked pair first.
 *
 * <p>What a file may contain: {@code model} of type {@code BPE} (vocab; merges as {@code "a b"}
 * strings or {@code ["a", "b"]} pairs; {@code unk_token}, {@code fuse_unk}, {@code ignore_merges};
 * no dropout, subword prefix or suffix, or byte fallback); {@code normalizer} null, one of
 * {@code NFC NFD NFKC NFKD}, or a {@code Sequence} of them; {@code pre_tokenizer}
 * {@code ByteLevel} ({@code add_prefix_space}, {@code use_regex}); added tokens without
 * {@code single_word}, {@code lstrip} or {@code rstrip}. Anything else is refused with an
 * {@link UnsupportedTokenizerException} naming it, rather than tokenized differently. The
 * post-processor, decoder, truncation and padding do not change the tokens of a text and are
 * ignored.
 *
 * <pre>{@code
 * HfBpeTokenizer t = HfBpeTokenizer.shared(Path.of("models/gpt-neox-20b-tokenizer.json"));
 * HfBpeEncoder e = t.newEncoder();
 * int n = e.count("Today is Sunday and it's a happy day!");   // 10
 * int[] ids = e.encode("Hello World!");                       // [12092, 3645, 2]
 * }</pre>
 */
public final class HfBpeTokenizer {

    /** A tokenizer.json that uses a feature this reader does not implement. */
    public static final class UnsupportedTokenizerException extends IOException {
        UnsupportedTokenizerException(Path file, String what) {
            super(file + ": " + what + "; djflink reads byte-level BPE tokenizer.json files (GPT-2, GPT-NeoX/Pythia style)");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SharedModels<HfBpeTokenizer> SHARED = new SharedModels<>(HfBpeTokenizer::load);

    /** GPT-2's byte-to-character map: the character standing for each byte in vocab entries. */
    static final char[] BYTE_CHARS = byteChars();

    final Path file;
    /** Vocab id of each byte's character; -1 when the vocab lacks it. */
    final int[] byteIds = new int[256];
    /** Merges: open-addressing table keyed by (left id, right id), valued by (rank, merged id). */
    private final long[] mergeKeys;
    private final long[] mergeValues;
    private final int mergeMask;
    final int unkId;
    final boolean fuseUnk;
    /** Only kept for {@code ignore_merges}, which looks whole words up. */
    final Map<String, Integer> vocab;
    final Normalizer.Form[] normalizers;
    /** Below this char every char of a text is left alone by {@link #normalizers}. */
    final char normalizeFrom;
    final boolean addPrefixSpace;
    final boolean useRegex;
    /** Added tokens matched in the raw text, and in the normalized text. */
    final AddedTokens rawTokens;
    final AddedTokens normalizedTokens;

    private HfBpeTokenizer(Path file, Config c) throws IOException {
        this.file = file;
        this.unkId = c.unkToken == null ? -1 : c.vocab.getOrDefault(c.unkToken, -1);
        if (c.unkToken != null && unkId < 0) {
            throw new UnsupportedTokenizerException(file, "model.unk_token '" + c.unkToken + "' is not in the vocab");
        }
        this.fuseUnk = c.fuseUnk;
        this.vocab = c.ignoreMerges ? c.vocab : null;
        this.normalizers = c.normalizers.toArray(new Normalizer.Form[0]);
        boolean onlyNfc = c.normalizers.stream().allMatch(f -> f == Normalizer.Form.NFC);
        // Every char below U+0300 is NFC-stable; the other forms change some Latin-1 chars.
        this.normalizeFrom = normalizers.length == 0 ? Character.MAX_VALUE : onlyNfc ? '\u0300' : '\u0080';
        this.addPrefixSpace = c.addPrefixSpace;
        this.useRegex = c.useRegex;

        for (int b = 0; b < 256; b++) {
            byteIds[b] = c.vocab.getOrDefault(String.valueOf(BYTE_CHARS[b]), -1);
        }
        int cap = Integer.highestOneBit(Math.max(4, c.merges.size() * 2)) << 1;
        mergeKeys = new long[cap];
        mergeValues = new long[cap];
        java.util.Arrays.fill(mergeKeys, -1L);
        mergeMask = cap - 1;
        for (int rank = 0; rank < c.merges.size(); rank++) {
            String[] pair = c.merges.get(rank);
            Integer a = c.vocab.get(pair[0]);
            Integer b = c.vocab.get(pair[1]);
            Integer merged = c.vocab.get(pair[0] + pair[1]);
            if (a == null || b == null || merged == null) {
                throw new UnsupportedTokenizerException(file, "merge " + rank + " ('" + pair[0] + "' '" + pair[1]
                        + "') names a token that is not in the vocab");
            }
            // a later duplicate replaces an earlier one, as in the tokenizers library
            putMerge(pairKey(a, b), ((long) rank << 32) | merged);
        }

        List<AddedToken> raw = new ArrayList<>();
        List<AddedToken> normalized = new ArrayList<>();
        for (AddedToken t : c.added) {
            if (t.normalized) {
                normalized.add(new AddedToken(normalize(t.content), t.id, true));
            } else {
                raw.add(t);
            }
        }
        this.rawTokens = new AddedTokens(raw);
        this.normalizedTokens = new AddedTokens(normalized);
    }

    /**
     * Reads a tokenizer.json. Prefer {@link #shared(Path)}, which loads each file once per JVM.
     *
     * @throws UnsupportedTokenizerException when the file uses a feature this reader does not implement
     * @throws IOException when the file is unreadable or not a tokenizer.json
     */
    public static HfBpeTokenizer load(Path file) throws IOException {
        return new HfBpeTokenizer(file, readConfig(file, true));
    }

    /**
     * The tokenizer in {@code file}, loaded once per JVM (per real path) and shared by every
     * caller: tokenizers are read-only, and each op instance tokenizes through its own encoder.
     */
    public static HfBpeTokenizer shared(Path file) throws IOException {
        return SHARED.get(file);
    }

    /**
     * Checks that {@code file} is a tokenizer.json this reader can run, without building the
     * tokenizer: the vocab and merges are skipped, so it is cheap enough for recipe validation.
     *
     * @throws UnsupportedTokenizerException naming the first unsupported feature
     * @throws IOException when the file is unreadable or not a tokenizer.json
     */
    public static void check(Path file) throws IOException {
        readConfig(file, false);
    }

    /** A new encoder over this tokenizer, for one thread. */
    public HfBpeEncoder newEncoder() {
        return new HfBpeEncoder(this);
    }

    /** The file this tokenizer was read from. */
    public Path file() {
        return file;
    }

    static long pairKey(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    private void putMerge(long key, long value) {
        int slot = mix(key) & mergeMask;
        while (mergeKeys[slot] != -1L && mergeKeys[slot] != key) {
            slot = (slot + 1) & mergeMask;
        }
        mergeKeys[slot] = key;
        mergeValues[slot] = value;
    }

    /** (rank << 32 | merged id) of the pair, or -1 when the pair does not merge. */
    long merge(int left, int right) {
        long key = pairKey(left, right);
        for (int slot = mix(key) & mergeMask; ; slot = (slot + 1) & mergeMask) {
            long k = mergeKeys[slot];
            if (k == key) {
                return mergeValues[slot];
            }
            if (k == -1L) {
                return -1L;
            }
        }
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }

    /** Applies the normalizers to {@code s}; returns {@code s} itself when nothing changes. */
    String normalize(String s) {
        if (normalizers.length == 0) {
            return s;
        }
        int n = s.length();
        int i = 0;
        while (i < n && s.charAt(i) < normalizeFrom) {
            i++;
        }
        if (i == n) {
            return s;
        }
        String r = s;
        for (Normalizer.Form f : normalizers) {
            r = Normalizer.normalize(r, f);
        }
        return r;
    }

    // ---------------------------------------------------------------- reading tokenizer.json

    private static final class Config {
        final Map<String, Integer> vocab = new HashMap<>();
        final List<String[]> merges = new ArrayList<>();
        String unkToken;
        boolean fuseUnk;
        boolean ignoreMerges;
        final List<Normalizer.Form> normalizers = new ArrayList<>();
        boolean addPrefixSpace;
        boolean useRegex = true;
        final List<AddedToken> added = new ArrayList<>();
    }

    /** Streams the file; with {@code full} false the vocab and merges are skipped, not read. */
    private static Config readConfig(Path file, boolean full) throws IOException {
        Config c = new Config();
        boolean sawModel = false;
        boolean sawPreTokenizer = false;
        try (InputStream in = Files.newInputStream(file);
                JsonParser p = new JsonFactory().createParser(in)) {
            p.setCodec(JSON);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(file + " is not a tokenizer.json (no JSON object)");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.getCurrentName();
                p.nextToken();
                switch (field) {
                    case "model":
                        sawModel = true;
                        readModel(file, p, c, full);
                        break;
                    case "normalizer":
                        readNormalizer(file, p.readValueAsTree(), c.normalizers);
                        break;
                    case "pre_tokenizer":
                        sawPreTokenizer = true;
                        readPreTokenizer(file, p.readValueAsTree(), c);
                        break;
                    case "added_tokens":
                        readAddedTokens(file, p.readValueAsTree(), c.added);
                        break;
                    default:
                        // post_processor, decoder, truncation, padding, version: not part of tokenize()
                        p.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + " is not a tokenizer.json (invalid JSON: " + e.getOriginalMessage() + ")", e);
        }
        if (!sawModel) {
            throw new IOException(file + " is not a tokenizer.json (no \"model\")");
        }
        if (!sawPreTokenizer) {
            throw new UnsupportedTokenizerException(file, "it has no pre_tokenizer (a ByteLevel one is needed)");
        }
        return c;
    }

    private static void readModel(Path file, JsonParser p, Config c, boolean full) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException(file + " is not a tokenizer.json (\"model\" is not an object)");
        }
        String type = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.getCurrentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "type":
                    type = p.getText();
                    if (!"BPE".equals(type)) {
                        throw new UnsupportedTokenizerException(file, "model type " + type + " is not supported (only BPE)");
                    }
                    break;
                case "vocab":
                    if (t != JsonToken.START_OBJECT) {
                        throw new IOException(file + ": model.vocab is not an object");
                    }
                    if (!full) {
                        p.skipChildren();
                        break;
                    }
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String token = p.getCurrentName();
                        p.nextToken();
                        c.vocab.put(token, p.getIntValue());
                    }
                    break;
                case "merges":
                    if (t != JsonToken.START_ARRAY) {
                        throw new IOException(file + ": model.merges is not an array");
                    }
                    if (!full) {
                        p.skipChildren();
                        break;
                    }
                    readMerges(file, p, c.merges);
                    break;
                case "dropout":
                    if (t != JsonToken.VALUE_NULL && p.getDoubleValue() != 0.0) {
                        throw new UnsupportedTokenizerException(file, "BPE dropout " + p.getText() + " is not supported (tokens would be random)");
                    }
                    break;
                case "continuing_subword_prefix":
                case "end_of_word_suffix":
                    if (t != JsonToken.VALUE_NULL && !p.getText().isEmpty()) {
                        throw new UnsupportedTokenizerException(file, "BPE " + field + " '" + p.getText() + "' is not supported");
                    }
                    break;
                case "byte_fallback":
                    if (t == JsonToken.VALUE_TRUE) {
                        throw new UnsupportedTokenizerException(file, "BPE byte_fallback is not supported");
                    }
                    break;
                case "unk_token":
                    c.unkToken = t == JsonToken.VALUE_NULL ? null : p.getText();
                    break;
                case "fuse_unk":
                    c.fuseUnk = t == JsonToken.VALUE_TRUE;
                    break;
                case "ignore_merges":
                    c.ignoreMerges = t == JsonToken.VALUE_TRUE;
                    break;
                default:
                    p.skipChildren();
            }
        }
        if (type == null) {
            throw new IOException(file + " is not a tokenizer.json (model has no type)");
        }
    }

    private static void readMerges(Path file, JsonParser p, List<String[]> merges) throws IOException {
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == JsonToken.VALUE_STRING) {
                // byte-level tokens never hold a space, so the first one separates the pair
                String m = p.getText();
                int sp = m.indexOf(' ');
                if (sp < 0 || m.indexOf(' ', sp + 1) >= 0) {
                    throw new IOException(file + ": merge '" + m + "' is not two tokens separated by one space");
                }
                merges.add(new String[] {m.substring(0, sp), m.substring(sp + 1)});
            } else if (t == JsonToken.START_ARRAY) {
                String[] pair = new String[2];
                int n = 0;
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    if (n < 2) {
                        pair[n] = p.getText();
                    }
                    n++;
                }
                if (n != 2) {
                    throw new IOException(file + ": merge " + merges.size() + " has " + n + " tokens, not 2");
                }
                merges.add(pair);
            } else {
                throw new IOException(file + ": merge " + merges.size() + " is neither \"a b\" nor [a, b]");
            }
        }
    }

    private static void readNormalizer(Path file, JsonNode n, List<Normalizer.Form> forms) throws IOException {
        if (n == null || n.isNull()) {
            return;
        }
        String type = n.path("type").asText();
        switch (type) {
            case "NFC":
            case "NFD":
            case "NFKC":
            case "NFKD":
                forms.add(Normalizer.Form.valueOf(type));
                return;
            case "Sequence":
                for (JsonNode e : n.path("normalizers")) {
                    readNormalizer(file, e, forms);
                }
                return;
            default:
                throw new UnsupportedTokenizerException(file, "normalizer " + type + " is not supported (only NFC, NFD, NFKC, NFKD and Sequences of them)");
        }
    }

    private static void readPreTokenizer(Path file, JsonNode n, Config c) throws IOException {
        String type = n == null || n.isNull() ? "null" : n.path("type").asText();
        if (type.equals("Sequence") && n.path("pretokenizers").size() == 1) {
            readPreTokenizer(file, n.path("pretokenizers").get(0), c);
            return;
        }
        if (!type.equals("ByteLevel")) {
            throw new UnsupportedTokenizerException(file, "pre_tokenizer " + type + " is not supported (only ByteLevel)");
        }
        c.addPrefixSpace = n.path("add_prefix_space").asBoolean(false);
        c.useRegex = n.path("use_regex").asBoolean(true);
    }

    private static void readAddedTokens(Path file, JsonNode list, List<AddedToken> added) throws IOException {
        for (JsonNode t : list) {
            String content = t.path("content").asText();
            for (String flag : new String[] {"single_word", "lstrip", "rstrip"}) {
                if (t.path(flag).asBoolean(false)) {
                    throw new UnsupportedTokenizerException(file, "added token '" + content + "' has " + flag + ": true, which is not supported");
                }
            }
            if (content.isEmpty()) {
                continue;
            }
            added.add(new AddedToken(content, t.path("id").asInt(), t.path("normalized").asBoolean(!t.path("special").asBoolean(false))));
        }
    }

    private static char[] byteChars() {
        char[] m = new char[256];
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            m[b] = printable ? (char) b : (char) (256 + extra++);
        }
        return m;
    }

    // ---------------------------------------------------------------- added tokens

    record AddedToken(String content, int id, boolean normalized) {}

    /**
     * Added tokens as a character trie, matched leftmost-longest as the tokenizers library's
     * Aho-Corasick matcher does: the first position where any token starts wins, and there the
     * longest token.
     */
    static final class AddedTokens {
        private static final class Node {
            char[] keys = new char[0];
            Node[] children = new Node[0];
            int id = -1;

            Node child(char c) {
                for (int i = 0; i < keys.length; i++) {
                    if (keys[i] == c) {
                        return children[i];
                    }
                }
                return null;
            }

            Node add(char c) {
                Node n = child(c);
                if (n == null) {
                    n = new Node();
                    keys = java.util.Arrays.copyOf(keys, keys.length + 1);
                    children = java.util.Arrays.copyOf(children, children.length + 1);
                    keys[keys.length - 1] = c;
                    children[children.length - 1] = n;
                }
                return n;
            }
        }

        private final Node root = new Node();
        /** Whether a token starts with each char below 128; non-ASCII first chars go to the trie. */
        private final boolean[] asciiStart = new boolean[128];
        private final boolean any;

        AddedTokens(List<AddedToken> tokens) {
            for (AddedToken t : tokens) {
                Node n = root;
                for (int i = 0; i < t.content.length(); i++) {
                    n = n.add(t.content.charAt(i));
                }
                if (n.id < 0) {
                    n.id = t.id;
                }
                char first = t.content.charAt(0);
                if (first < 128) {
                    asciiStart[first] = true;
                }
            }
            any = !tokens.isEmpty();
        }

        boolean isEmpty() {
            return !any;
        }

        /**
         * The longest token starting at {@code from} and ending by {@code to}, as
         * {@code (end << 32) | id}, or -1.
         */
        long longestAt(CharSequence s, int from, int to) {
            char c = s.charAt(from);
            if (c < 128 && !asciiStart[c]) {
                return -1L;
            }
            long best = -1L;
            Node n = root;
            for (int i = from; i < to; i++) {
                n = n.child(s.charAt(i));
                if (n == null) {
                    break;
                }
                if (n.id >= 0) {
                    best = ((long) (i + 1) << 32) | n.id;
                }
            }
            return best;
        }
    }
}
