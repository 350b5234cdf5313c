package io.djflink.ops.dedup;

/**
 * The part of numpy's legacy {@code RandomState(seed)} that Data-Juicer's MinHash uses:
 * {@code randint(low, high, dtype=uint64)} drawn one value per call.
 */
public final class NumpyRandomState {

    private final Mt19937 mt;

    public NumpyRandomState(long seed) {
        this.mt = new Mt19937(seed);
    }

    /**
     * {@code randint(low, high, dtype=np.uint64)} for one value: a uniform value in
     * {@code [low, high)} with low and high read as unsigned 64-bit numbers.
     *
     * <p>numpy draws {@code off + masked}, where the range {@code rng = high - 1 - low} is covered
     * by the smallest all-ones mask, and a draw above {@code rng} is rejected and redrawn (the
     * legacy generator always uses this masked rejection). A range that fits 32 bits draws 32-bit
     * words, a wider one 64-bit words.
     */
    public long randintUint64(long low, long high) {
        if (Long.compareUnsigned(high, low) <= 0) {
            throw new IllegalArgumentException("low >= high");
        }
        long rng = high - 1 - low;
        if (rng == 0) {
            return low;
        }
        if (Long.compareUnsigned(rng, 0xFFFFFFFFL) <= 0) {
            if (rng == 0xFFFFFFFFL) {
                return low + mt.nextUint32();
            }
            long mask = mask(rng);
            long v;
            do {
                v = mt.nextUint32() & mask;
            } while (v > rng);
            return low + v;
        }
        if (rng == -1L) {
            return low + mt.nextUint64();
        }
        long mask = mask(rng);
        long v;
        do {
            v = mt.nextUint64() & mask;
        } while (Long.compareUnsigned(v, rng) > 0);
        return low + v;
    }

    /** The smallest 2^k - 1 that is at least {@code max} (unsigned). */
    private static long mask(long max) {
        return -1L >>> Long.numberOfLeadingZeros(max);
    }
}
