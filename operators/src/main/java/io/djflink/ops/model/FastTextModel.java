package io.djflink.ops.model;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A fastText supervised model (a {@code .bin}, or a quantized {@code .ftz} such as the
 * language-identification model {@code lid.176.ftz}) read from fastText's own file format, for
 * prediction only. Immutable and thread-safe once loaded; each thread predicts through its own
 * {@link FastTextPredictor} ({@link #newPredictor()}), which holds the scratch buffers.
 *
 * <p>Predictions follow fastText's {@code predict}: the same tokens, character n-gram and word
 * n-gram hashes, the same averaging and the same output layer for the model's loss (hierarchical
 * softmax, softmax, one-vs-all or negative sampling), in the same float arithmetic, so labels
 * and probabilities agree with fastText's to float rounding.
 *
 * <pre>{@code
 * FastTextModel model = FastTextModel.shared(Path.of("models/lid.176.ftz"));
 * FastTextPredictor p = model.newPredictor();
 * int n = p.predict("bonjour le monde", 1, 0f);   // n == 1
 * String label = p.label(0);                      // "__label__fr"
 * float prob = p.probability(0);
 * }</pre>
 */
public final class FastTextModel {

    static final int MAGIC = 793712314;
    static final int NEWEST_VERSION = 12;
    static final String EOS = "</s>";
    static final String LABEL_PREFIX = "__label__";

    static final int LOSS_HS = 1;
    static final int LOSS_NS = 2;
    static final int LOSS_SOFTMAX = 3;
    static final int LOSS_OVA = 4;
    private static final int MODEL_SUPERVISED = 3;

    /** Above this many floats a quantized input matrix is decoded per row instead of once. */
    private static final long DECODE_LIMIT = 1L << 26;

    private static final SharedModels<FastTextModel> SHARED = new SharedModels<>(FastTextModel::load);

    final Path file;
    final int dim;
    final int wordNgrams;
    final int loss;
    final int bucket;
    final int minn;
    final int maxn;

    final int nwords;
    final int nlabels;
    /** UTF-8 bytes of every dictionary entry (words, then labels), back to back. */
    final byte[] entryBytes;
    final int[] entryStart;
    final int[] entryHash;
    final boolean[] entryIsLabel;
    /** Open-addressing table from an entry's hash to its id + 1 (0 = empty slot). */
    final int[] entryTable;
    final int entryMask;
    /** Input-matrix rows of each word: its own row, then its character n-grams (fastText's subwords). */
    final int[] subwordStart;
    final int[] subwords;
    final String[] labels;
    final int eosId;
    final int eosHash;

    /** Bucket id -> row offset for pruned (quantized) models; empty when the model is not pruned. */
    final IntIntMap pruneIndex;
    final boolean pruned;

    final Rows input;
    final Rows output;
    /** Hierarchical softmax tree: children of internal nodes ({@code -1} at leaves). */
    final int[] treeLeft;
    final int[] treeRight;
    /** fastText's sigmoid lookup table, for one-vs-all and negative-sampling models. */
    final float[] sigmoidTable;

    private FastTextModel(Path file, ByteBuffer in) throws IOException {
        this.file = file;
        int magic = in.getInt();
        if (magic != MAGIC) {
            throw new IOException(file + " is not a fastText model (magic " + magic + ", expected " + MAGIC + ")");
        }
        int version = in.getInt();
        if (version > NEWEST_VERSION) {
            throw new IOException(file + " has fastText format version " + version + "; this reader knows up to " + NEWEST_VERSION);
        }
        dim = positive(in.getInt(), "dim");
        in.getInt(); // ws
        in.getInt(); // epoch
        in.getInt(); // minCount
        in.getInt(); // neg
        wordNgrams = in.getInt();
        loss = in.getInt();
        int model = in.getInt();
        bucket = in.getInt();
        minn = in.getInt();
        // version 11 supervised models were trained without character n-grams
        int maxnRead = in.getInt();
        maxn = version == 11 && model == MODEL_SUPERVISED ? 0 : maxnRead;
        in.getInt(); // lrUpdateRate
        in.getDouble(); // t
        if (model != MODEL_SUPERVISED) {
            throw new IOException(file + " is not a supervised (classification) fastText model (model type " + model + ")");
        }
        if (loss < LOSS_HS || loss > LOSS_OVA) {
            throw new IOException(file + " has an unknown loss " + loss);
        }

        int size = in.getInt();
        nwords = in.getInt();
        nlabels = in.getInt();
        in.getLong(); // ntokens
        long pruneSize = in.getLong();
        if (size != nwords + nlabels || nwords < 0 || nlabels <= 0) {
            throw new IOException(file + ": dictionary of " + size + " entries does not hold " + nwords + " words and " + nlabels + " labels");
        }

        // Dictionary entries: NUL-terminated bytes, count, type (0 word, 1 label); words come first.
        entryStart = new int[size + 1];
        entryHash = new int[size];
        entryIsLabel = new boolean[size];
        long[] labelCounts = new long[nlabels];
        int[] at = new int[size];
        for (int i = 0; i < size; i++) {
            at[i] = in.position();
            while (in.get() != 0) {
                // scan to the terminator
            }
            entryStart[i + 1] = entryStart[i] + in.position() - at[i] - 1;
            long count = in.getLong();
            byte type = in.get();
            if (type != (i < nwords ? 0 : 1)) {
                throw new IOException(file + ": dictionary entry " + i + " has type " + type + " where fastText keeps "
                        + (i < nwords ? "words" : "labels"));
            }
            entryIsLabel[i] = type == 1;
            if (type == 1) {
                labelCounts[i - nwords] = count;
            }
        }
        entryBytes = new byte[entryStart[size]];
        for (int i = 0; i < size; i++) {
            in.get(at[i], entryBytes, entryStart[i], entryStart[i + 1] - entryStart[i]);
        }

        int tableSize = Integer.highestOneBit(Math.max(16, size * 2)) << 1;
        entryTable = new int[tableSize];
        entryMask = tableSize - 1;
        for (int i = 0; i < size; i++) {
            int h = hash(entryBytes, entryStart[i], entryStart[i + 1]);
            entryHash[i] = h;
            int slot = h & entryMask;
            while (entryTable[slot] != 0) {
                slot = (slot + 1) & entryMask;
            }
            entryTable[slot] = i + 1;
        }
        labels = new String[nlabels];
        for (int i = 0; i < nlabels; i++) {
            int e = nwords + i;
            labels[i] = new String(entryBytes, entryStart[e], entryStart[e + 1] - entryStart[e], StandardCharsets.UTF_8);
        }

        if (pruneSize < 0) {
            pruned = false;
            pruneIndex = new IntIntMap(0);
        } else {
            if (pruneSize > Integer.MAX_VALUE / 4) {
                throw new IOException(file + ": prune index of " + pruneSize + " entries");
            }
            pruned = true;
            pruneIndex = new IntIntMap((int) pruneSize);
            for (long i = 0; i < pruneSize; i++) {
                int from = in.getInt();
                int to = in.getInt();
                if (from < 0 || to < 0) {
                    throw new IOException(file + ": prune index maps " + from + " to " + to);
                }
                pruneIndex.put(from, to);
            }
        }

        boolean quantInput = in.get() != 0;
        input = quantInput ? QuantRows.read(in, true) : DenseRows.read(in);
        if (!quantInput && pruned) {
            throw new IOException(file + ": a pruned dictionary needs a quantized input matrix");
        }
        boolean qout = in.get() != 0;
        output = quantInput && qout ? QuantRows.read(in, false) : DenseRows.read(in);
        if (in.hasRemaining()) {
            throw new IOException(file + ": " + in.remaining() + " bytes after the output matrix");
        }

        long neededInputRows = (long) nwords + (pruned ? pruneSize : bucket);
        if (input.cols() != dim || output.cols() != dim) {
            throw new IOException(file + ": matrices have " + input.cols() + " and " + output.cols() + " columns, dim is " + dim);
        }
        if (input.rows() < neededInputRows) {
            throw new IOException(file + ": input matrix has " + input.rows() + " rows, the dictionary needs " + neededInputRows);
        }
        if (output.rows() != nlabels) {
            throw new IOException(file + ": output matrix has " + output.rows() + " rows for " + nlabels + " labels");
        }

        // Subwords after the prune index is known: a pruned model keeps only listed n-grams.
        subwordStart = new int[nwords + 1];
        IntList sw = new IntList(nwords * 8);
        byte[] scratch = new byte[64];
        for (int i = 0; i < nwords; i++) {
            subwordStart[i] = sw.size;
            sw.add(i);
            int len = entryStart[i + 1] - entryStart[i];
            if (!isEos(i)) {
                if (scratch.length < len + 2) {
                    scratch = new byte[len + 2];
                }
                scratch[0] = '<';
                System.arraycopy(entryBytes, entryStart[i], scratch, 1, len);
                scratch[len + 1] = '>';
                charNgrams(scratch, len + 2, sw);
            }
        }
        subwordStart[nwords] = sw.size;
        subwords = sw.toArray();

        eosHash = hash(EOS.getBytes(StandardCharsets.US_ASCII), 0, EOS.length());
        eosId = find(EOS.getBytes(StandardCharsets.US_ASCII), 0, EOS.length(), eosHash);

        if (loss == LOSS_HS) {
            int n = nlabels;
            treeLeft = new int[2 * n - 1];
            treeRight = new int[2 * n - 1];
            buildTree(labelCounts, treeLeft, treeRight);
        } else {
            treeLeft = null;
            treeRight = null;
        }
        if (loss == LOSS_OVA || loss == LOSS_NS) {
            sigmoidTable = new float[SIGMOID_TABLE_SIZE + 1];
            for (int i = 0; i <= SIGMOID_TABLE_SIZE; i++) {
                float x = (float) (i * 2 * MAX_SIGMOID) / SIGMOID_TABLE_SIZE - MAX_SIGMOID;
                sigmoidTable[i] = (float) (1.0 / (1.0 + (float) Math.exp(-x)));
            }
        } else {
            sigmoidTable = null;
        }
    }

    static final int SIGMOID_TABLE_SIZE = 512;
    static final int MAX_SIGMOID = 8;

    /**
     * Loads a model file. Prefer {@link #shared(Path)}, which loads each file once per JVM.
     *
     * @throws IOException when the file is unreadable or not a supervised fastText model
     */
    public static FastTextModel load(Path file) throws IOException {
        ByteBuffer buf;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE) {
                throw new IOException(file + " is larger than 2 GiB");
            }
            buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
        }
        buf.order(ByteOrder.LITTLE_ENDIAN);
        try {
            return new FastTextModel(file, buf);
        } catch (BufferUnderflowException e) {
            throw new IOException(file + " ends early: truncated or not a fastText model", e);
        }
    }

    /**
     * The model in {@code file}, loaded once per JVM (per real path) and shared by every caller:
     * models are read-only, and each op instance predicts through its own predictor.
     */
    public static FastTextModel shared(Path file) throws IOException {
        return SHARED.get(file);
    }

    /** A predictor with its own scratch buffers; use one per thread. */
    public FastTextPredictor newPredictor() {
        return new FastTextPredictor(this);
    }

    /** The file this model was read from. */
    public Path file() {
        return file;
    }

    /** The number of labels (classes). */
    public int labelCount() {
        return nlabels;
    }

    /** Label {@code i} as stored, e.g. {@code __label__en}; labels are ordered by training frequency. */
    public String label(int i) {
        return labels[i];
    }

    /** The vector dimension. */
    public int dim() {
        return dim;
    }

    /** fastText's loss of this model: {@code hs}, {@code ns}, {@code softmax} or {@code ova}. */
    public String lossName() {
        switch (loss) {
            case LOSS_HS:
                return "hs";
            case LOSS_NS:
                return "ns";
            case LOSS_SOFTMAX:
                return "softmax";
            default:
                return "ova";
        }
    }

    boolean isEos(int id) {
        int s = entryStart[id];
        int len = entryStart[id + 1] - s;
        return len == 4 && entryBytes[s] == '<' && entryBytes[s + 1] == '/' && entryBytes[s + 2] == 's' && entryBytes[s + 3] == '>';
    }

    /** fastText's string hash: 32-bit FNV-1a over the bytes taken as signed chars. */
    static int hash(byte[] b, int from, int to) {
        int h = 0x811C9DC5;
        for (int i = from; i < to; i++) {
            h = (h ^ b[i]) * 16777619;
        }
        return h;
    }

    /** The id of the dictionary entry with these bytes, or -1. */
    int find(byte[] b, int from, int to, int h) {
        int slot = h & entryMask;
        int len = to - from;
        for (int id; (id = entryTable[slot]) != 0; slot = (slot + 1) & entryMask) {
            id--;
            if (entryHash[id] == h && entryStart[id + 1] - entryStart[id] == len
                    && java.util.Arrays.equals(entryBytes, entryStart[id], entryStart[id] + len, b, from, to)) {
                return id;
            }
        }
        return -1;
    }

    /**
     * Appends the input rows of the character n-grams (minn..maxn code points, UTF-8 aware) of
     * {@code word}, which already carries the {@code <}/{@code >} boundaries; single characters
     * at a boundary are skipped, as fastText does.
     */
    void charNgrams(byte[] word, int len, IntList out) {
        for (int i = 0; i < len; i++) {
            if ((word[i] & 0xC0) == 0x80) {
                continue;
            }
            int h = 0x811C9DC5;
            int j = i;
            for (int n = 1; j < len && n <= maxn; n++) {
                h = (h ^ word[j++]) * 16777619;
                while (j < len && (word[j] & 0xC0) == 0x80) {
                    h = (h ^ word[j++]) * 16777619;
                }
                if (n >= minn && !(n == 1 && (i == 0 || j == len))) {
                    int row = bucketRow(Integer.remainderUnsigned(h, bucket));
                    if (row >= 0) {
                        out.add(row);
                    }
                }
            }
        }
    }

    /** The input row of hash bucket {@code id}, or -1 when pruning dropped it (fastText's pushHash). */
    int bucketRow(int id) {
        if (!pruned) {
            return nwords + id;
        }
        int to = pruneIndex.get(id);
        return to < 0 ? -1 : nwords + to;
    }

    /** fastText's Huffman tree over label counts (labels sorted by decreasing count). */
    private static void buildTree(long[] counts, int[] left, int[] right) {
        int n = counts.length;
        long[] count = new long[2 * n - 1];
        java.util.Arrays.fill(left, -1);
        java.util.Arrays.fill(right, -1);
        java.util.Arrays.fill(count, (long) 1e15);
        System.arraycopy(counts, 0, count, 0, n);
        int leaf = n - 1;
        int node = n;
        for (int i = n; i < 2 * n - 1; i++) {
            int[] mini = new int[2];
            for (int j = 0; j < 2; j++) {
                if (leaf >= 0 && count[leaf] < count[node]) {
                    mini[j] = leaf--;
                } else {
                    mini[j] = node++;
                }
            }
            left[i] = mini[0];
            right[i] = mini[1];
            count[i] = count[mini[0]] + count[mini[1]];
        }
    }

    private static int positive(int v, String what) throws IOException {
        if (v <= 0) {
            throw new IOException("fastText model has " + what + " " + v);
        }
        return v;
    }

    /** Rows of an input or output matrix, in fastText's float arithmetic. */
    interface Rows {
        long rows();

        int cols();

        /** {@code x += row i}, element by element in column order. */
        void addRowTo(float[] x, int i);

        /** The dot product of row i and x, summed in column order. */
        float dotRow(float[] x, int i);
    }

    /** A dense float matrix (fastText's DenseMatrix). */
    static final class DenseRows implements Rows {
        final float[] data;
        final int rows;
        final int cols;

        DenseRows(float[] data, int rows, int cols) {
            this.data = data;
            this.rows = rows;
            this.cols = cols;
        }

        static DenseRows read(ByteBuffer in) throws IOException {
            long m = in.getLong();
            long n = in.getLong();
            if (m < 0 || n <= 0 || n > Integer.MAX_VALUE || m * n > Integer.MAX_VALUE - 8) {
                throw new IOException("dense matrix of " + m + " x " + n + " is out of range");
            }
            float[] data = new float[(int) (m * n)];
            in.asFloatBuffer().get(data);
            in.position(in.position() + data.length * 4);
            return new DenseRows(data, (int) m, (int) n);
        }

        @Override
        public long rows() {
            return rows;
        }

        @Override
        public int cols() {
            return cols;
        }

        @Override
        public void addRowTo(float[] x, int i) {
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                x[j] += data[base + j];
            }
        }

        @Override
        public float dotRow(float[] x, int i) {
            int base = i * cols;
            float d = 0f;
            for (int j = 0; j < cols; j++) {
                d += data[base + j] * x[j];
            }
            if (Float.isNaN(d)) {
                throw new IllegalStateException("fastText model produced NaN (row " + i + ")");
            }
            return d;
        }
    }

    /** A product quantizer: {@code nsubq} sub-vectors of {@code dsub} floats, 256 centroids each. */
    static final class ProductQuantizer {
        static final int KSUB = 256;
        final int dim;
        final int nsubq;
        final int dsub;
        final int lastdsub;
        final float[] centroids;

        private ProductQuantizer(int dim, int nsubq, int dsub, int lastdsub, float[] centroids) {
            this.dim = dim;
            this.nsubq = nsubq;
            this.dsub = dsub;
            this.lastdsub = lastdsub;
            this.centroids = centroids;
        }

        static ProductQuantizer read(ByteBuffer in) throws IOException {
            int dim = in.getInt();
            int nsubq = in.getInt();
            int dsub = in.getInt();
            int lastdsub = in.getInt();
            if (dim <= 0 || nsubq <= 0 || dsub <= 0 || lastdsub <= 0 || (long) (nsubq - 1) * dsub + lastdsub != dim) {
                throw new IOException("product quantizer " + dim + "/" + nsubq + "/" + dsub + "/" + lastdsub + " is inconsistent");
            }
            float[] c = new float[dim * KSUB];
            in.asFloatBuffer().get(c);
            in.position(in.position() + c.length * 4);
            return new ProductQuantizer(dim, nsubq, dsub, lastdsub, c);
        }

        /** Offset of centroid {@code code} of sub-quantizer {@code m} in {@link #centroids}. */
        int centroid(int m, int code) {
            return m == nsubq - 1 ? m * KSUB * dsub + code * lastdsub : (m * KSUB + code) * dsub;
        }
    }

    /** fastText's QuantMatrix: product-quantized rows, optionally scaled by a quantized norm. */
    static final class QuantRows implements Rows {
        final ProductQuantizer pq;
        final byte[] codes;
        /** Row norms (1 when the matrix has no norm quantizer). */
        final float[] norms;
        final int rows;
        /** The input rows decoded once, when they fit; null for the output matrix or huge inputs. */
        final float[] decoded;

        private QuantRows(ProductQuantizer pq, byte[] codes, float[] norms, int rows, boolean decode) {
            this.pq = pq;
            this.codes = codes;
            this.norms = norms;
            this.rows = rows;
            this.decoded = decode && (long) rows * pq.dim <= DECODE_LIMIT ? decodeAll() : null;
        }

        static QuantRows read(ByteBuffer in, boolean decode) throws IOException {
            boolean qnorm = in.get() != 0;
            long m = in.getLong();
            long n = in.getLong();
            int codeSize = in.getInt();
            if (m <= 0 || m > Integer.MAX_VALUE || n <= 0 || codeSize < 0) {
                throw new IOException("quantized matrix of " + m + " x " + n + " is out of range");
            }
            byte[] codes = new byte[codeSize];
            in.get(codes);
            ProductQuantizer pq = ProductQuantizer.read(in);
            if (pq.dim != n || (long) codeSize != m * pq.nsubq) {
                throw new IOException("quantized matrix of " + m + " x " + n + " has " + codeSize + " codes for "
                        + pq.nsubq + " sub-quantizers of dim " + pq.dim);
            }
            float[] norms = new float[(int) m];
            if (qnorm) {
                byte[] normCodes = new byte[(int) m];
                in.get(normCodes);
                ProductQuantizer npq = ProductQuantizer.read(in);
                for (int i = 0; i < m; i++) {
                    norms[i] = npq.centroids[npq.centroid(0, normCodes[i] & 0xFF)];
                }
            } else {
                java.util.Arrays.fill(norms, 1f);
            }
            return new QuantRows(pq, codes, norms, (int) m, decode);
        }

        // alpha * c rounds to float before the sum in fastText's addcode too, so decoding once
        // changes no bit of the result.
        private float[] decodeAll() {
            int d = pq.dim;
            float[] out = new float[rows * d];
            for (int i = 0; i < rows; i++) {
                float alpha = norms[i];
                int code = i * pq.nsubq;
                for (int m = 0; m < pq.nsubq; m++) {
                    int c = pq.centroid(m, codes[code + m] & 0xFF);
                    int len = m == pq.nsubq - 1 ? pq.lastdsub : pq.dsub;
                    for (int k = 0; k < len; k++) {
                        out[i * d + m * pq.dsub + k] = alpha * pq.centroids[c + k];
                    }
                }
            }
            return out;
        }

        @Override
        public long rows() {
            return rows;
        }

        @Override
        public int cols() {
            return pq.dim;
        }

        @Override
        public void addRowTo(float[] x, int i) {
            if (decoded != null) {
                int base = i * pq.dim;
                for (int j = 0; j < pq.dim; j++) {
                    x[j] += decoded[base + j];
                }
                return;
            }
            float alpha = norms[i];
            int code = i * pq.nsubq;
            for (int m = 0; m < pq.nsubq; m++) {
                int c = pq.centroid(m, codes[code + m] & 0xFF);
                int len = m == pq.nsubq - 1 ? pq.lastdsub : pq.dsub;
                int off = m * pq.dsub;
                for (int k = 0; k < len; k++) {
                    x[off + k] += alpha * pq.centroids[c + k];
                }
            }
        }

        @Override
        public float dotRow(float[] x, int i) {
            float res = 0f;
            int code = i * pq.nsubq;
            for (int m = 0; m < pq.nsubq; m++) {
                int c = pq.centroid(m, codes[code + m] & 0xFF);
                int len = m == pq.nsubq - 1 ? pq.lastdsub : pq.dsub;
                int off = m * pq.dsub;
                for (int k = 0; k < len; k++) {
                    res += x[off + k] * pq.centroids[c + k];
                }
            }
            return res * norms[i];
        }
    }

    /** A growable int list without boxing. */
    static final class IntList {
        int[] a;
        int size;

        IntList(int capacity) {
            a = new int[Math.max(4, capacity)];
        }

        void add(int v) {
            if (size == a.length) {
                a = java.util.Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, size);
        }
    }

    /**
     * An open-addressing map from non-negative int keys to int values; -1 when absent. Most
     * lookups (character n-grams a pruned model dropped) miss, so a bit per possible key answers
     * those from a small array before the table is touched; keys and values sit side by side so
     * a hit reads one cache line.
     */
    static final class IntIntMap {
        private final int[] slots;
        private final int mask;
        private long[] present = new long[0];

        IntIntMap(int expected) {
            int cap = Integer.highestOneBit(Math.max(4, expected * 2)) << 1;
            slots = new int[cap * 2];
            mask = cap - 1;
            java.util.Arrays.fill(slots, -1);
        }

        void put(int key, int value) {
            if ((key >>> 6) >= present.length) {
                present = java.util.Arrays.copyOf(present, Math.max((key >>> 6) + 1, present.length * 2));
            }
            present[key >>> 6] |= 1L << key;
            int slot = mix(key) & mask;
            while (slots[2 * slot] != -1 && slots[2 * slot] != key) {
                slot = (slot + 1) & mask;
            }
            slots[2 * slot] = key;
            slots[2 * slot + 1] = value;
        }

        int get(int key) {
            int word = key >>> 6;
            if (word >= present.length || (present[word] & (1L << key)) == 0) {
                return -1;
            }
            for (int slot = mix(key) & mask; ; slot = (slot + 1) & mask) {
                int k = slots[2 * slot];
                if (k == key) {
                    return slots[2 * slot + 1];
                }
                if (k == -1) {
                    return -1;
                }
            }
        }

        private static int mix(int k) {
            int h = k * 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }
}
