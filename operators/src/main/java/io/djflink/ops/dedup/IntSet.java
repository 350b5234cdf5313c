package io.djflink.ops.dedup;

/**
 * Keeps the first occurrence of each value of an int array, in place, with an open-addressing
 * table reused across calls. Slots are stamped with a call number, so a call never clears the
 * table; sorting to deduplicate measured as costly as the vectorized MinHash permutations.
 */
final class IntSet {

    private int[] keys = new int[0];
    private int[] stamps = new int[0];
    private int stamp;

    /** Moves the distinct values of {@code a[0, n)} to its front, first occurrences in order; returns their count. */
    int retainFirst(int[] a, int n) {
        int cap = Integer.highestOneBit(Math.max(n, 8) * 2 - 1) << 1;
        if (cap > keys.length) {
            keys = new int[cap];
            stamps = new int[cap];
            stamp = 0;
        }
        if (++stamp == 0) {
            java.util.Arrays.fill(stamps, 0);
            stamp = 1;
        }
        int mask = keys.length - 1;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            int v = a[i];
            int h = v * 0x9E3779B9;
            int slot = (h ^ (h >>> 16)) & mask;
            while (true) {
                if (stamps[slot] != stamp) {
                    stamps[slot] = stamp;
                    keys[slot] = v;
                    a[kept++] = v;
                    break;
                }
                if (keys[slot] == v) {
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        return kept;
    }
}
