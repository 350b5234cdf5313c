package io.djflink.ops.text;

import java.util.Arrays;
import java.util.List;

/**
 * Counts the overlapping n-grams of an int sequence (code points, or hash codes of words) exactly: a
 * polynomial rolling hash picks the slot, and n-grams whose hashes agree are compared element by
 * element, so hash collisions cost time but never change a count. Avoids building one String per
 * n-gram, which is what dominates a straightforward port.
 *
 * <p>An instance keeps its scratch arrays between calls (documents of a stream reuse them), so it
 * must be used by one thread at a time, like the op that owns it.
 */
final class NgramCounter {

    private static final long BASE = 0x100000001B3L;

    /**
     * Open-addressing table: the high 32 bits of the n-gram's hash over its distinct index + 1,
     * or 0 for an empty slot. Keeping the hash bits in the slot means a probe touches one array.
     */
    private long[] table = new long[0];
    /** Per distinct n-gram: start offset in the sequence and occurrences. */
    private int[] gramStart = new int[0];
    private int[] gramCount = new int[0];
    private int[] seqBuf = new int[0];
    private int distinct;

    /** The number of distinct n-grams of the last {@link #count} call. */
    int distinct() {
        return distinct;
    }

    /**
     * The occurrence counts of the distinct n-grams of the last {@link #count} call, in
     * {@code [0, distinct())}; overwritten by the next call.
     */
    int[] counts() {
        return gramCount;
    }

    /**
     * Counts the n-grams of {@code seq[0..len)} and returns the number of n-grams (len - n + 1,
     * or 0 when the sequence is shorter than n).
     */
    int count(int[] seq, int len, int n) {
        return count(seq, len, n, null);
    }

    /**
     * Like {@link #count(int[], int, int)} for a sequence of hash codes of {@code items}: n-grams
     * are the same only when their items are equal, so unequal items sharing a hash code are
     * told apart.
     */
    int count(int[] seq, int len, int n, List<?> items) {
        distinct = 0;
        int m = len - n + 1;
        if (m <= 0 || n <= 0) {
            return 0;
        }
        // Load factor at most 1/2 keeps linear probing short.
        int cap = Integer.highestOneBit(Math.max(m, 2) - 1) << 2;
        if (table.length < cap) {
            table = new long[cap];
        } else {
            Arrays.fill(table, 0, cap, 0);
        }
        if (gramStart.length < m) {
            int size = Math.max(m, gramStart.length * 2);
            gramStart = new int[size];
            gramCount = new int[size];
        }
        int mask = cap - 1;
        long[] table = this.table;
        int[] gramStart = this.gramStart;
        int[] gramCount = this.gramCount;
        int d = 0;

        long pow = 1;
        for (int j = 1; j < n; j++) {
            pow *= BASE;
        }
        long h = 0;
        for (int j = 0; j < n; j++) {
            h = h * BASE + seq[j];
        }
        for (int i = 0; i < m; i++) {
            if (i > 0) {
                h = (h - seq[i - 1] * pow) * BASE + seq[i + n - 1];
            }
            int slot = mix(h) & mask;
            long tag = h & 0xFFFFFFFF00000000L;
            while (true) {
                long e = table[slot];
                if (e == 0) {
                    table[slot] = tag | (d + 1);
                    gramStart[d] = i;
                    gramCount[d] = 1;
                    d++;
                    break;
                }
                if ((e & 0xFFFFFFFF00000000L) == tag) {
                    int g = (int) e - 1;
                    if (sameGram(seq, gramStart[g], i, n) && (items == null || sameItems(items, gramStart[g], i, n))) {
                        gramCount[g]++;
                        break;
                    }
                }
                slot = (slot + 1) & mask;
            }
        }
        distinct = d;
        return m;
    }

    /** The frequency of each distinct n-gram (in first-seen order), as a fresh array. */
    int[] frequencies(int[] seq, int len, int n) {
        count(seq, len, n);
        return Arrays.copyOf(gramCount, distinct);
    }

    private static boolean sameGram(int[] seq, int a, int b, int n) {
        for (int j = 0; j < n; j++) {
            if (seq[a + j] != seq[b + j]) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameItems(List<?> items, int a, int b, int n) {
        for (int j = 0; j < n; j++) {
            if (!items.get(a + j).equals(items.get(b + j))) {
                return false;
            }
        }
        return true;
    }

    private static int mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }

    /**
     * The code points of {@code s} in a reused buffer; returns their number. A lone surrogate
     * counts as one code point, as in a Python str.
     */
    int codePoints(String s) {
        int n = s.length();
        if (seqBuf.length < n) {
            seqBuf = new int[Math.max(n, seqBuf.length * 2)];
        }
        int[] out = seqBuf;
        int k = 0;
        for (int i = 0; i < n; ) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                out[k++] = Character.toCodePoint(c, s.charAt(i + 1));
                i += 2;
            } else {
                out[k++] = c;
                i++;
            }
        }
        return k;
    }

    /** The buffer {@link #codePoints} filled. */
    int[] sequence() {
        return seqBuf;
    }

    /** A reused int buffer of at least {@code n} elements, for callers that build their own sequence. */
    int[] sequenceBuffer(int n) {
        if (seqBuf.length < n) {
            seqBuf = new int[Math.max(n, seqBuf.length * 2)];
        }
        return seqBuf;
    }
}
