package io.djflink.ops.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sentencepiece model read from its {@code .model} file (a serialized {@code ModelProto}), for
 * encoding text into pieces the way sentencepiece's {@code encode_as_pieces} does: the model's
 * normalizer (its precompiled character map, e.g. nmt_nfkc, applied by longest match;
 * {@code add_dummy_prefix}, {@code remove_extra_whitespaces}, {@code escape_whitespaces} to
 * U+2581), user-defined symbols kept whole, then the UNIGRAM model's Viterbi segmentation over
 * the piece scores (unknown characters scored {@code min_score - 10}) or the BPE model's
 * score-ordered merges, and byte fallback ({@code <0xXX>} pieces) for unknown text when the model
 * was trained with it. Unknown text without byte fallback comes out as its own (normalized) text,
 * as sentencepiece returns it.
 *
 * <p>Works on UTF-8 bytes and in float arithmetic like sentencepiece, so ties resolve the same
 * way. WORD and CHAR models are refused when loading. Immutable and thread-safe.
 *
 * <pre>{@code
 * SentencePieceModel sp = SentencePieceModel.shared(Path.of("models/albert-30k-clean.model"));
 * List<String> pieces = sp.encodeAsPieces("Hello world.");   // [▁, H, ello, ▁world, .]
 * }</pre>
 */
public final class SentencePieceModel {

    static final int TYPE_NORMAL = 1;
    static final int TYPE_UNKNOWN = 2;
    static final int TYPE_CONTROL = 3;
    static final int TYPE_USER_DEFINED = 4;
    static final int TYPE_UNUSED = 5;
    static final int TYPE_BYTE = 6;

    static final int MODEL_UNIGRAM = 1;
    static final int MODEL_BPE = 2;

    /** sentencepiece's penalty below the lowest piece score for an unknown character. */
    private static final float UNK_PENALTY = 10.0f;

    private static final SharedModels<SentencePieceModel> SHARED = new SharedModels<>(SentencePieceModel::load);

    private final Path file;
    private final int modelType;
    private final String[] pieces;
    private final float[] scores;
    private final byte[] types;
    private final int unkId;
    private final boolean byteFallback;
    /** Id of piece {@code <0xXX>} for each byte, when the model has byte fallback. */
    private final int[] byteIds;
    /** NORMAL, USER_DEFINED and UNUSED pieces by their UTF-8 bytes (sentencepiece's {@code pieces_}). */
    private final ByteTrie pieceTrie;
    private final SpNormalizer normalizer;
    private final float minScore;
    private final float maxScore;

    private SentencePieceModel(Path file, byte[] data) {
        this.file = file;
        Proto.Model m = Proto.parse(data, file);
        if (m.modelType != MODEL_UNIGRAM && m.modelType != MODEL_BPE) {
            throw new IllegalArgumentException(file + ": sentencepiece model type " + m.modelType
                    + (m.modelType == 3 ? " (WORD)" : m.modelType == 4 ? " (CHAR)" : "")
                    + " is not supported; only UNIGRAM (1) and BPE (2) models are");
        }
        this.modelType = m.modelType;
        int n = m.pieces.size();
        if (n == 0) {
            throw new IllegalArgumentException(file + ": the sentencepiece model has no pieces");
        }
        this.pieces = m.pieces.toArray(new String[0]);
        this.scores = Arrays.copyOf(m.scores, n);
        this.types = Arrays.copyOf(m.types, n);
        this.byteFallback = m.byteFallback;
        this.pieceTrie = new ByteTrie(n * 4);
        List<byte[]> userDefined = new ArrayList<>();
        int unk = -1;
        float min = Float.MAX_VALUE;
        // sentencepiece starts the maximum at FLT_MIN (the smallest positive float), not at -inf
        float max = Float.MIN_NORMAL;
        int[] bytes = new int[256];
        Arrays.fill(bytes, -1);
        for (int i = 0; i < n; i++) {
            int t = types[i];
            byte[] utf8 = pieces[i].getBytes(StandardCharsets.UTF_8);
            if (utf8.length == 0) {
                throw new IllegalArgumentException(file + ": piece " + i + " is empty");
            }
            if (t == TYPE_NORMAL || t == TYPE_USER_DEFINED || t == TYPE_UNUSED) {
                if (!pieceTrie.put(utf8, i)) {
                    throw new IllegalArgumentException(file + ": piece '" + pieces[i] + "' is defined twice");
                }
            }
            if (t == TYPE_NORMAL) {
                min = Math.min(min, scores[i]);
                max = Math.max(max, scores[i]);
            } else if (t == TYPE_USER_DEFINED) {
                userDefined.add(utf8);
            } else if (t == TYPE_UNKNOWN) {
                if (unk >= 0) {
                    throw new IllegalArgumentException(file + ": the sentencepiece model defines <unk> twice");
                }
                unk = i;
            } else if (t == TYPE_BYTE) {
                if (!byteFallback) {
                    throw new IllegalArgumentException(file + ": byte piece '" + pieces[i]
                            + "' found although the model has no byte_fallback");
                }
                int b = bytePieceValue(pieces[i]);
                if (b < 0) {
                    throw new IllegalArgumentException(file + ": malformed byte piece '" + pieces[i] + "'");
                }
                bytes[b] = i;
            } else if (t != TYPE_CONTROL && t != TYPE_UNUSED) {
                throw new IllegalArgumentException(file + ": piece " + i + " has unknown type " + t);
            }
        }
        if (unk < 0) {
            throw new IllegalArgumentException(file + ": the sentencepiece model defines no unknown piece");
        }
        if (byteFallback) {
            for (int b = 0; b < 256; b++) {
                if (bytes[b] < 0) {
                    throw new IllegalArgumentException(file + ": byte_fallback is on but piece <0x"
                            + String.format("%02X", b) + "> is missing");
                }
            }
        }
        this.unkId = unk;
        this.byteIds = bytes;
        this.minScore = min;
        this.maxScore = max;
        ByteTrie userTrie = null;
        if (!userDefined.isEmpty()) {
            userTrie = new ByteTrie(userDefined.size() * 8);
            for (byte[] u : userDefined) {
                userTrie.put(u, 0);
            }
        }
        this.normalizer = new SpNormalizer(m.normalizer, m.treatWhitespaceAsSuffix, userTrie, file);
    }

    /** Loads a model file. Prefer {@link #shared(Path)}, which loads each file once per JVM. */
    public static SentencePieceModel load(Path file) throws IOException {
        return new SentencePieceModel(file, Files.readAllBytes(file));
    }

    /** A model from the bytes of a {@code .model} file; {@code name} names it in messages. */
    static SentencePieceModel fromBytes(Path name, byte[] data) {
        return new SentencePieceModel(name, data);
    }

    /** The model in {@code file}, loaded once per JVM (per real path) and shared by every caller. */
    public static SentencePieceModel shared(Path file) throws IOException {
        return SHARED.get(file);
    }

    /** The file this model was read from. */
    public Path file() {
        return file;
    }

    /** Number of pieces in the vocabulary. */
    public int size() {
        return pieces.length;
    }

    /**
     * sentencepiece's {@code encode_as_pieces(text)}: the pieces of the normalized text, unknown
     * text as itself (or as byte pieces with byte fallback). Empty for a text that normalizes to
     * nothing.
     *
     * @throws IllegalArgumentException for a lone surrogate, which has no UTF-8 form
     */
    public List<String> encodeAsPieces(String text) {
        byte[] in = Utf8.encode(text);
        SpNormalizer.Output norm = normalizer.normalize(in);
        List<String> out = new ArrayList<>();
        if (norm.length == 0) {
            return out;
        }
        if (modelType == MODEL_UNIGRAM) {
            unigram(norm.bytes, norm.length, out);
        } else {
            bpe(norm.bytes, norm.length, out);
        }
        return out;
    }

    /**
     * Turns segments of the normalized text into pieces as sentencepiece's processor does: an
     * unknown segment becomes its bytes' {@code <0xXX>} pieces with byte fallback, else its own
     * text, merged with an unknown segment right before it.
     */
    private final class Emitter {
        final byte[] s;
        final List<String> out;
        /** Start of the unknown run the last piece covers, or -1 if the last piece is known. */
        int unkRunFrom = -1;

        Emitter(byte[] s, List<String> out) {
            this.s = s;
            this.out = out;
        }

        void emit(int from, int to, int id) {
            if (id != unkId) {
                // a known piece's bytes are the vocabulary entry's: reuse its string
                out.add(pieces[id]);
                unkRunFrom = -1;
            } else if (byteFallback) {
                for (int i = from; i < to; i++) {
                    out.add(pieces[byteIds[s[i] & 0xFF]]);
                }
            } else if (unkRunFrom >= 0) {
                out.set(out.size() - 1, new String(s, unkRunFrom, to - unkRunFrom, StandardCharsets.UTF_8));
            } else {
                out.add(new String(s, from, to - from, StandardCharsets.UTF_8));
                unkRunFrom = from;
            }
        }
    }

    /**
     * sentencepiece's optimized unigram Viterbi: for each character start, every piece that
     * starts there updates the best path ending after it; a start where no piece covers exactly
     * one character gets an unknown node of that character.
     */
    private void unigram(byte[] s, int n, List<String> out) {
        float[] best = new float[n + 1];
        // start + 1 of the best piece ending here; 0 while no piece ends here (arrays start zeroed)
        int[] startsAt = new int[n + 1];
        int[] ids = new int[n + 1];
        float unkScore = minScore - UNK_PENALTY;
        ByteTrie trie = pieceTrie;
        for (int start = 0; start < n; ) {
            float here = best[start];
            int mblen = Math.min(Utf8.charLength(s[start]), n - start);
            boolean hasSingle = false;
            int node = ByteTrie.ROOT;
            for (int pos = start; pos < n; ) {
                node = trie.child(node, s[pos]);
                pos++;
                if (node < 0) {
                    break;
                }
                int id = trie.value(node);
                if (id < 0 || types[id] == TYPE_UNUSED) {
                    continue;
                }
                int length = pos - start;
                // as in sentencepiece: the user-defined bonus is computed in double, so the
                // candidate is a double compared against the stored float
                double score = types[id] == TYPE_USER_DEFINED ? length * maxScore - 0.1 : scores[id];
                double candidate = score + here;
                if (startsAt[pos] == 0 || candidate > best[pos]) {
                    best[pos] = (float) candidate;
                    startsAt[pos] = start + 1;
                    ids[pos] = id;
                }
                if (length == mblen) {
                    hasSingle = true;
                }
            }
            if (!hasSingle) {
                int pos = start + mblen;
                float candidate = unkScore + here;
                if (startsAt[pos] == 0 || candidate > best[pos]) {
                    best[pos] = candidate;
                    startsAt[pos] = start + 1;
                    ids[pos] = unkId;
                }
            }
            start += mblen;
        }
        Emitter e = new Emitter(s, out);
        // each piece covers at least one byte, so there are at most n ends
        int[] ends = new int[n];
        int count = 0;
        for (int end = n; end > 0; end = startsAt[end] - 1) {
            ends[count++] = end;
        }
        for (int k = count - 1; k >= 0; k--) {
            int end = ends[k];
            e.emit(startsAt[end] - 1, end, ids[end]);
        }
    }

    /**
     * The BPE agenda: a binary max-heap of candidate merges, each only a key: the merged piece's
     * score made sortable, then the left symbol's index inverted so that ties pop the leftmost
     * first, as sentencepiece orders them. No object and nothing else per candidate: a popped
     * key is applied when its left symbol and the symbol now right of it still form a piece of
     * that score. sentencepiece instead keeps the right symbol and size and skips stale entries;
     * that is the same sequence of merges, because every pair adjacent now has an entry with
     * exactly that key, and entries with equal keys stand for the same merge.
     */
    private static final class Agenda {
        long[] keys = new long[64];
        int n;

        static long key(float score, int left) {
            int bits = Float.floatToIntBits(score);
            // IEEE order as unsigned: flip negatives entirely, positives' sign bit
            int sortable = bits < 0 ? ~bits : bits | 0x80000000;
            return ((long) sortable << 32) | (0xFFFFFFFFL - left);
        }

        static int left(long key) {
            return (int) (0xFFFFFFFFL - (key & 0xFFFFFFFFL));
        }

        static int scoreBits(long key) {
            int sortable = (int) (key >>> 32);
            return sortable < 0 ? sortable & 0x7FFFFFFF : ~sortable;
        }

        void push(long key) {
            if (n == keys.length) {
                keys = Arrays.copyOf(keys, n * 2);
            }
            long[] k = keys;
            int i = n++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (Long.compareUnsigned(k[parent], key) >= 0) {
                    break;
                }
                k[i] = k[parent];
                i = parent;
            }
            k[i] = key;
        }

        long pop() {
            long[] k = keys;
            long top = k[0];
            int last = --n;
            long lk = k[last];
            int i = 0;
            while (true) {
                int c = 2 * i + 1;
                if (c >= last) {
                    break;
                }
                if (c + 1 < last && Long.compareUnsigned(k[c + 1], k[c]) > 0) {
                    c++;
                }
                if (Long.compareUnsigned(lk, k[c]) >= 0) {
                    break;
                }
                k[i] = k[c];
                i = c;
            }
            k[i] = lk;
            return top;
        }
    }

    /**
     * sentencepiece's BPE encoding: characters (user-defined symbols whole and frozen), then the
     * adjacent pair forming the best-scoring piece merged until none is left (ties: leftmost),
     * unused pieces split back into the pieces they were merged from. Each symbol remembers the
     * trie node its bytes lead to, so a pair is looked up by walking only the right symbol's bytes.
     */
    private void bpe(byte[] s, int n, List<String> out) {
        int[] symStart = new int[n];
        int[] symLen = new int[n];
        int[] symNode = new int[n];
        int[] prev = new int[n];
        int[] next = new int[n];
        boolean[] frozen = new boolean[n];
        int count = 0;
        for (int pos = 0; pos < n; count++) {
            int len = normalizer.userDefinedMatch(s, pos, n);
            frozen[count] = len > 0;
            if (len == 0) {
                len = Math.min(Utf8.charLength(s[pos]), n - pos);
            }
            symStart[count] = pos;
            symLen[count] = len;
            symNode[count] = walk(ByteTrie.ROOT, s, pos, pos + len);
            prev[count] = count - 1;
            pos += len;
            next[count] = pos < n ? count + 1 : -1;
        }
        Agenda agenda = new Agenda();
        Map<String, int[]> revMerge = new HashMap<>();
        for (int i = 1; i < count; i++) {
            addPair(s, i - 1, i, symStart, symLen, symNode, frozen, agenda, revMerge);
        }
        while (agenda.n > 0) {
            long key = agenda.pop();
            int l = Agenda.left(key);
            int r = next[l];
            if (symLen[l] == 0 || r < 0 || frozen[l] || frozen[r] || symNode[l] < 0) {
                continue;
            }
            int node = walk(symNode[l], s, symStart[r], symStart[r] + symLen[r]);
            int id = node < 0 ? -1 : pieceTrie.value(node);
            if (id < 0 || Float.floatToIntBits(scores[id]) != Agenda.scoreBits(key)) {
                continue;
            }
            symLen[l] += symLen[r];
            symNode[l] = node;
            next[l] = next[r];
            if (next[r] >= 0) {
                prev[next[r]] = l;
            }
            symLen[r] = 0;
            if (prev[l] >= 0) {
                addPair(s, prev[l], l, symStart, symLen, symNode, frozen, agenda, revMerge);
            }
            if (next[l] >= 0) {
                addPair(s, l, next[l], symStart, symLen, symNode, frozen, agenda, revMerge);
            }
        }
        Emitter e = new Emitter(s, out);
        for (int i = 0; i != -1; i = next[i]) {
            resegment(symStart[i], symStart[i] + symLen[i], revMerge, e);
        }
    }

    /** The trie node {@code s[from, to)} leads to from {@code node}, or -1. */
    private int walk(int node, byte[] s, int from, int to) {
        for (int i = from; i < to && node >= 0; i++) {
            node = pieceTrie.child(node, s[i]);
        }
        return node;
    }

    private void addPair(byte[] s, int left, int right, int[] symStart, int[] symLen, int[] symNode,
            boolean[] frozen, Agenda agenda, Map<String, int[]> revMerge) {
        if (frozen[left] || frozen[right] || symNode[left] < 0) {
            return;
        }
        int from = symStart[left];
        int size = symLen[left] + symLen[right];
        int node = walk(symNode[left], s, symStart[right], symStart[right] + symLen[right]);
        int id = node < 0 ? -1 : pieceTrie.value(node);
        if (id < 0) {
            return;
        }
        agenda.push(Agenda.key(scores[id], left));
        if (types[id] == TYPE_UNUSED) {
            revMerge.put(new String(s, from, size, StandardCharsets.ISO_8859_1),
                    new int[] {from, from + symLen[left], from + size});
        }
    }

    private void resegment(int from, int to, Map<String, int[]> revMerge, Emitter e) {
        byte[] s = e.s;
        int id = pieceTrie.get(s, from, to);
        if (id < 0) {
            e.emit(from, to, unkId);
            return;
        }
        if (types[id] != TYPE_UNUSED) {
            e.emit(from, to, id);
            return;
        }
        int[] split = revMerge.get(new String(s, from, to - from, StandardCharsets.ISO_8859_1));
        if (split == null) {
            e.emit(from, to, id);
            return;
        }
        // the merge was recorded at another position of the same bytes: split at the same offset
        int mid = from + (split[1] - split[0]);
        resegment(from, mid, revMerge, e);
        resegment(mid, to, revMerge, e);
    }

    /** The byte of a {@code <0xXX>} piece, or -1. */
    static int bytePieceValue(String piece) {
        if (piece.length() != 6 || !piece.startsWith("<0x") || piece.charAt(5) != '>') {
            return -1;
        }
        int hi = Character.digit(piece.charAt(3), 16);
        int lo = Character.digit(piece.charAt(4), 16);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }

    /** The fields of the {@code ModelProto} that encoding needs, read with a minimal protobuf reader. */
    static final class Proto {
        /** NormalizerSpec fields, with protobuf's declared defaults. */
        static final class Normalizer {
            String name = "";
            byte[] charsmap = new byte[0];
            boolean addDummyPrefix = true;
            boolean removeExtraWhitespaces = true;
            boolean escapeWhitespaces = true;
        }

        static final class Model {
            final List<String> pieces = new ArrayList<>();
            float[] scores = new float[1024];
            byte[] types = new byte[1024];
            int modelType = MODEL_UNIGRAM;
            boolean byteFallback;
            boolean treatWhitespaceAsSuffix;
            Normalizer normalizer = new Normalizer();
        }

        private final byte[] b;
        private int pos;
        private final int end;
        private final Path file;

        private Proto(byte[] b, int pos, int end, Path file) {
            this.b = b;
            this.pos = pos;
            this.end = end;
            this.file = file;
        }

        static Model parse(byte[] data, Path file) {
            Model m = new Model();
            Proto r = new Proto(data, 0, data.length, file);
            while (r.pos < r.end) {
                long key = r.varint();
                int field = (int) (key >>> 3);
                int wire = (int) (key & 7);
                if (field == 1 && wire == 2) {
                    r.piece(r.sub(), m);
                } else if (field == 2 && wire == 2) {
                    r.trainer(r.sub(), m);
                } else if (field == 3 && wire == 2) {
                    m.normalizer = r.normalizer(r.sub());
                } else {
                    r.skip(wire);
                }
            }
            return m;
        }

        private void piece(Proto r, Model m) {
            String piece = "";
            float score = 0f;
            int type = TYPE_NORMAL;
            while (r.pos < r.end) {
                long key = r.varint();
                int field = (int) (key >>> 3);
                int wire = (int) (key & 7);
                if (field == 1 && wire == 2) {
                    piece = r.string();
                } else if (field == 2 && wire == 5) {
                    score = Float.intBitsToFloat(r.fixed32());
                } else if (field == 3 && wire == 0) {
                    type = (int) r.varint();
                } else {
                    r.skip(wire);
                }
            }
            int i = m.pieces.size();
            if (i == m.scores.length) {
                m.scores = Arrays.copyOf(m.scores, i * 2);
                m.types = Arrays.copyOf(m.types, i * 2);
            }
            m.pieces.add(piece);
            m.scores[i] = score;
            m.types[i] = (byte) type;
        }

        private void trainer(Proto r, Model m) {
            while (r.pos < r.end) {
                long key = r.varint();
                int field = (int) (key >>> 3);
                int wire = (int) (key & 7);
                if (field == 3 && wire == 0) {
                    m.modelType = (int) r.varint();
                } else if (field == 24 && wire == 0) {
                    m.treatWhitespaceAsSuffix = r.varint() != 0;
                } else if (field == 35 && wire == 0) {
                    m.byteFallback = r.varint() != 0;
                } else {
                    r.skip(wire);
                }
            }
        }

        private Normalizer normalizer(Proto r) {
            Normalizer n = new Normalizer();
            while (r.pos < r.end) {
                long key = r.varint();
                int field = (int) (key >>> 3);
                int wire = (int) (key & 7);
                if (field == 1 && wire == 2) {
                    n.name = r.string();
                } else if (field == 2 && wire == 2) {
                    Proto s = r.sub();
                    n.charsmap = Arrays.copyOfRange(s.b, s.pos, s.end);
                } else if (field == 3 && wire == 0) {
                    n.addDummyPrefix = r.varint() != 0;
                } else if (field == 4 && wire == 0) {
                    n.removeExtraWhitespaces = r.varint() != 0;
                } else if (field == 5 && wire == 0) {
                    n.escapeWhitespaces = r.varint() != 0;
                } else {
                    r.skip(wire);
                }
            }
            return n;
        }

        private long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw truncated();
                }
                byte x = b[pos++];
                v |= (long) (x & 0x7F) << shift;
                if (x >= 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException(file + ": malformed varint in the sentencepiece model");
        }

        private int fixed32() {
            if (end - pos < 4) {
                throw truncated();
            }
            int v = (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8 | (b[pos + 2] & 0xFF) << 16 | (b[pos + 3] & 0xFF) << 24;
            pos += 4;
            return v;
        }

        private Proto sub() {
            long len = varint();
            if (len < 0 || len > end - pos) {
                throw truncated();
            }
            Proto s = new Proto(b, pos, pos + (int) len, file);
            pos += (int) len;
            return s;
        }

        private String string() {
            Proto s = sub();
            return new String(b, s.pos, s.end - s.pos, StandardCharsets.UTF_8);
        }

        private void skip(int wire) {
            switch (wire) {
                case 0:
                    varint();
                    break;
                case 1:
                    if (end - pos < 8) {
                        throw truncated();
                    }
                    pos += 8;
                    break;
                case 2:
                    sub();
                    break;
                case 5:
                    fixed32();
                    break;
                default:
                    throw new IllegalArgumentException(file + ": not a sentencepiece model (protobuf wire type "
                            + wire + ")");
            }
        }

        private IllegalArgumentException truncated() {
            return new IllegalArgumentException(file + ": truncated or not a sentencepiece model");
        }
    }
}
