package io.djflink.ops.text;

import java.util.Arrays;

/**
 * Counts the overlapping n-grams of an int sequence (code points, or word ids) exactly: a
 * polynomial rolling hash picks the slot, and n-grams whose hashes agree are compared element by
 * element, so hash collisions cost time but never change a count. Avoids building one String per
 * n-gram, which is what dominates a straightforward port.
 */
final class NgramCounter {

    private static final long BASE = 0x100000001B3L;

    private NgramCounter() {}

    /**
     * The frequency of each distinct n-gram of {@code seq[0..len)} (in first-seen order); empty
     * when the sequence is shorter than {@code n}.
     */
    static int[] frequencies(int[] seq, int len, int n) {
        int m = len - n + 1;
        if (m <= 0 || n <= 0) {
            return new int[0];
        }
        int cap = Integer.highestOneBit(Math.max(m, 2) - 1) << 2;
        int mask = cap - 1;
        int[] slotGram = new int[cap];
        Arrays.fill(slotGram, -1);
        long[] slotHash = new long[cap];
        int[] gramStart = new int[m];
        int[] gramCount = new int[m];
        int distinct = 0;

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
            while (true) {
                int g = slotGram[slot];
                if (g < 0) {
                    slotGram[slot] = distinct;
                    slotHash[slot] = h;
                    gramStart[distinct] = i;
                    gramCount[distinct] = 1;
                    distinct++;
                    break;
                }
                if (slotHash[slot] == h) {
                    int s = gramStart[g];
                    if (Arrays.equals(seq, s, s + n, seq, i, i + n)) {
                        gramCount[g]++;
                        break;
                    }
                }
                slot = (slot + 1) & mask;
            }
        }
        return Arrays.copyOf(gramCount, distinct);
    }

    private static int mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }

    /** The code points of {@code s}; a lone surrogate counts as one, as in a Python str. */
    static int[] codePoints(String s) {
        int n = s.length();
        int[] out = new int[n];
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
        return k == n ? out : Arrays.copyOf(out, k);
    }
}
