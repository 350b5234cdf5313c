package io.djflink.ops.model;

import java.util.Arrays;

/**
 * Predicts labels with a {@link FastTextModel}, reusing its buffers from call to call (no
 * allocation per token). Not thread-safe: one predictor per thread; the model itself is shared.
 *
 * <p>{@link #predict} is fastText's {@code predict(text, k, threshold)} as its Python binding
 * runs it: the text is one line, to which the end-of-sentence token {@code </s>} is appended.
 * A newline ends the line early (fastText reads only up to it).
 */
public final class FastTextPredictor {

    private final FastTextModel m;
    private final float[] hidden;
    private final float[] output;
    private final FastTextModel.IntList ngramRows = new FastTextModel.IntList(64);
    private byte[] utf8 = new byte[256];
    private byte[] word = new byte[64];
    private int[] wordHashes = new int[64];
    private int wordCount;
    private int rowsAdded;

    private float[] topScore = new float[2];
    private int[] topId = new int[2];
    private int topSize;
    private int k;

    FastTextPredictor(FastTextModel model) {
        this.m = model;
        this.hidden = new float[model.dim];
        this.output = new float[model.nlabels];
    }

    /**
     * Predicts the {@code k} most probable labels of {@code text} whose probability is at least
     * {@code threshold}, most probable first; read them with {@link #label(int)} and
     * {@link #probability(int)}.
     *
     * @param k the number of labels wanted, or -1 for all
     * @return how many labels were predicted: 0 only when the text yields no input row (fastText
     *     then predicts nothing) or nothing reaches the threshold
     * @throws IllegalArgumentException when the text is not valid UTF-16 (an unpaired surrogate
     *     has no UTF-8 form, which fastText reads)
     */
    public int predict(CharSequence text, int k, float threshold) {
        if (k == -1) {
            k = m.nlabels;
        } else if (k <= 0) {
            throw new IllegalArgumentException("k must be positive or -1, got " + k);
        }
        this.k = k;
        if (topScore.length < k + 1) {
            topScore = new float[k + 1];
            topId = new int[k + 1];
        }
        topSize = 0;
        int len = encodeFirstLine(text);
        computeHidden(len);
        if (rowsAdded == 0) {
            return 0;
        }
        switch (m.loss) {
            case FastTextModel.LOSS_HS:
                dfs(stdLog(threshold), 2 * m.nlabels - 2, 0f);
                break;
            case FastTextModel.LOSS_SOFTMAX:
                softmax();
                findKBest(threshold);
                break;
            default:
                sigmoids();
                findKBest(threshold);
        }
        return topSize;
    }

    /** The label of prediction {@code i} (0 = most probable), e.g. {@code __label__en}. */
    public String label(int i) {
        check(i);
        return m.labels[topId[i]];
    }

    /** The index of prediction {@code i}'s label in {@link FastTextModel#label(int)}. */
    public int labelIndex(int i) {
        check(i);
        return topId[i];
    }

    /**
     * The probability of prediction {@code i} as fastText reports it: {@code exp(log(p + 1e-5))}
     * in float, so a certain label scores slightly above 1.
     */
    public float probability(int i) {
        check(i);
        return (float) Math.exp(topScore[i]);
    }

    private void check(int i) {
        if (i < 0 || i >= topSize) {
            throw new IndexOutOfBoundsException("prediction " + i + " of " + topSize);
        }
    }

    /** UTF-8 of the text up to its first newline, into {@link #utf8}; returns the byte count. */
    private int encodeFirstLine(CharSequence text) {
        int n = text.length();
        if (utf8.length < n * 3) {
            utf8 = new byte[Math.max(n * 3, utf8.length * 2)];
        }
        byte[] b = utf8;
        int o = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (c == '\n') {
                    break;
                }
                b[o++] = (byte) c;
            } else if (c < 0x800) {
                b[o++] = (byte) (0xC0 | (c >> 6));
                b[o++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == n || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    throw new IllegalArgumentException(
                            "text has an unpaired surrogate U+" + Integer.toHexString(c).toUpperCase() + " at index " + i
                                    + "; it has no UTF-8 form for fastText");
                }
                int cp = Character.toCodePoint(c, text.charAt(++i));
                b[o++] = (byte) (0xF0 | (cp >> 18));
                b[o++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[o++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                b[o++] = (byte) (0xE0 | (c >> 12));
                b[o++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[o++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return o;
    }

    /** fastText's separators: space, \n, \r, \t, \v, \f and NUL. */
    private static boolean isSeparator(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0x0B || c == '\f' || c == 0;
    }

    /**
     * Sums the input rows of every token (its own row and char n-grams, or only the n-grams of an
     * unknown word), then of the word n-grams, and averages: fastText's getLine + computeHidden,
     * in the same order, so the float sums are the same.
     */
    private void computeHidden(int len) {
        Arrays.fill(hidden, 0f);
        rowsAdded = 0;
        wordCount = 0;
        byte[] b = utf8;
        boolean ended = false;
        int i = 0;
        while (i < len && !ended) {
            while (i < len && isSeparator(b[i])) {
                i++;
            }
            int start = i;
            while (i < len && !isSeparator(b[i])) {
                i++;
            }
            if (start < i) {
                ended = token(b, start, i);
            }
        }
        if (!ended) {
            eosToken();
        }
        if (m.wordNgrams > 1) {
            wordNgrams();
        }
        if (rowsAdded > 0) {
            // fastText scales by (float) (1.0 / n), not divides by n: keep its rounding
            float inv = (float) (1.0 / rowsAdded);
            for (int j = 0; j < hidden.length; j++) {
                hidden[j] *= inv;
            }
        }
    }

    /** One token; returns true when it is the end-of-sentence token, which ends fastText's line. */
    private boolean token(byte[] b, int from, int to) {
        int h = FastTextModel.hash(b, from, to);
        int id = m.find(b, from, to, h);
        boolean eos = to - from == 4 && b[from] == '<' && b[from + 1] == '/' && b[from + 2] == 's' && b[from + 3] == '>';
        if (id >= 0) {
            if (m.entryIsLabel[id]) {
                return false;
            }
            addWord(id, h);
        } else {
            if (startsWithLabelPrefix(b, from, to)) {
                return false;
            }
            if (!eos) {
                addUnknownWord(b, from, to);
            }
            pushWordHash(h);
        }
        return eos;
    }

    private void eosToken() {
        if (m.eosId >= 0) {
            addWord(m.eosId, m.eosHash);
        } else {
            pushWordHash(m.eosHash);
        }
    }

    private void addWord(int id, int h) {
        FastTextModel.Rows in = m.input;
        for (int s = m.subwordStart[id], e = m.subwordStart[id + 1]; s < e; s++) {
            in.addRowTo(hidden, m.subwords[s]);
        }
        rowsAdded += m.subwordStart[id + 1] - m.subwordStart[id];
        pushWordHash(h);
    }

    private void addUnknownWord(byte[] b, int from, int to) {
        int len = to - from + 2;
        if (word.length < len) {
            word = new byte[len * 2];
        }
        word[0] = '<';
        System.arraycopy(b, from, word, 1, to - from);
        word[len - 1] = '>';
        ngramRows.size = 0;
        m.charNgrams(word, len, ngramRows);
        FastTextModel.Rows in = m.input;
        int[] rows = ngramRows.a;
        for (int j = 0; j < ngramRows.size; j++) {
            in.addRowTo(hidden, rows[j]);
        }
        rowsAdded += ngramRows.size;
    }

    private static boolean startsWithLabelPrefix(byte[] b, int from, int to) {
        String p = FastTextModel.LABEL_PREFIX;
        if (to - from < p.length()) {
            return false;
        }
        for (int i = 0; i < p.length(); i++) {
            if (b[from + i] != p.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void pushWordHash(int h) {
        if (m.wordNgrams <= 1) {
            return;
        }
        if (wordCount == wordHashes.length) {
            wordHashes = Arrays.copyOf(wordHashes, wordCount * 2);
        }
        wordHashes[wordCount++] = h;
    }

    /** fastText's addWordNgrams: the 32-bit word hashes widen with their sign, then mix in 64 bits. */
    private void wordNgrams() {
        FastTextModel.Rows in = m.input;
        int n = m.wordNgrams;
        for (int i = 0; i < wordCount; i++) {
            long h = wordHashes[i];
            for (int j = i + 1; j < wordCount && j < i + n; j++) {
                h = h * 116049371L + wordHashes[j];
                int row = m.bucketRow((int) Long.remainderUnsigned(h, m.bucket));
                if (row >= 0) {
                    in.addRowTo(hidden, row);
                    rowsAdded++;
                }
            }
        }
    }

    /** fastText's std_log: log(x + 1e-5) in double, rounded to float. */
    private static float stdLog(float x) {
        return (float) Math.log(x + 1e-5);
    }

    /** Hierarchical softmax: depth-first over the Huffman tree, pruned by the k-th best so far. */
    private void dfs(float logThreshold, int node, float score) {
        if (score < logThreshold) {
            return;
        }
        if (topSize == k && score < topScore[topSize - 1]) {
            return;
        }
        int left = m.treeLeft[node];
        int right = m.treeRight[node];
        if (left == -1 && right == -1) {
            push(score, node);
            return;
        }
        float f = m.output.dotRow(hidden, node - m.nlabels);
        f = (float) (1.0 / (1f + (float) Math.exp(-f)));
        dfs(logThreshold, left, score + stdLog((float) (1.0 - f)));
        dfs(logThreshold, right, score + stdLog(f));
    }

    private void softmax() {
        float[] out = output;
        for (int i = 0; i < out.length; i++) {
            out[i] = m.output.dotRow(hidden, i);
        }
        float max = out[0];
        for (float v : out) {
            max = Math.max(v, max);
        }
        float z = 0f;
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.exp(out[i] - max);
            z += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= z;
        }
    }

    private void sigmoids() {
        float[] out = output;
        float[] table = m.sigmoidTable;
        for (int i = 0; i < out.length; i++) {
            float x = m.output.dotRow(hidden, i);
            if (x < -FastTextModel.MAX_SIGMOID) {
                out[i] = 0f;
            } else if (x > FastTextModel.MAX_SIGMOID) {
                out[i] = 1f;
            } else {
                long t = (long) ((x + FastTextModel.MAX_SIGMOID) * FastTextModel.SIGMOID_TABLE_SIZE / FastTextModel.MAX_SIGMOID / 2);
                out[i] = table[(int) t];
            }
        }
    }

    private void findKBest(float threshold) {
        for (int i = 0; i < output.length; i++) {
            if (output[i] < threshold) {
                continue;
            }
            float s = stdLog(output[i]);
            if (topSize == k && s < topScore[topSize - 1]) {
                continue;
            }
            push(s, i);
        }
    }

    /**
     * Inserts into the best-first list, keeping at most k. A newcomer goes before equal scores,
     * so on a tie for the last place the earlier entry leaves, as with fastText's heap at k = 1.
     */
    private void push(float score, int id) {
        int pos = topSize;
        while (pos > 0 && topScore[pos - 1] <= score) {
            pos--;
        }
        System.arraycopy(topScore, pos, topScore, pos + 1, topSize - pos);
        System.arraycopy(topId, pos, topId, pos + 1, topSize - pos);
        topScore[pos] = score;
        topId[pos] = id;
        if (topSize < k) {
            topSize++;
        }
    }
}
