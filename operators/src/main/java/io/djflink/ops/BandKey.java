package io.djflink.ops;

/**
 * A candidate key of a near-duplicate deduplicator (an LSH band, a SimHash block choice): 128
 * bits, compared exactly. A key whose content fits in 128 bits is the content itself; a wider one
 * (a MinHash band of {@code rows} 32-bit values) is its 128-bit hash ({@link #hash}).
 *
 * <p>Keys are stored in keyed state and savepoints, so a given content must map to the same key
 * in every version: {@link #hash} is fixed, and tests pin its output.
 */
public record BandKey(long hi, long lo) {

    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;
    private static final long SEED = 0x5bd1e995L;

    /**
     * The 128-bit hash of {@code tag} and the low 32 bits of {@code values[from, to)}: MurmurHash3
     * x64 128 with seed {@code 0x5bd1e995} over 64-bit little-endian words, the first word being
     * {@code tag << 32 | count}, then the values two to a word (first value in the high half; an
     * odd last value with 0). {@link #hi} and {@link #lo} are the hash's two 64-bit halves. Inputs
     * that are not chosen to collide (it is not a cryptographic hash) share a key with probability
     * about 2^-128 per pair, so among n distinct inputs some two do with probability at most
     * n^2 / 2^129: about 2^-60 for the 2.5 * 10^10 band keys of 10^9 documents with 25 bands. Such a
     * collision is a false link between two samples.
     */
    public static BandKey hash(int tag, long[] values, int from, int to) {
        int n = to - from;
        long header = ((long) tag << 32) | (n & 0xFFFFFFFFL);
        int words = 1 + (n + 1) / 2;
        long h1 = SEED;
        long h2 = SEED;
        int w = 0;
        for (; w + 1 < words; w += 2) {
            h1 ^= mixK1(w == 0 ? header : word(values, from + 2 * (w - 1), to));
            h1 = (Long.rotateLeft(h1, 27) + h2) * 5 + 0x52dce729;
            h2 ^= mixK2(word(values, from + 2 * w, to));
            h2 = (Long.rotateLeft(h2, 31) + h1) * 5 + 0x38495ab5;
        }
        if (w < words) {
            // an odd number of words: the last one goes into h1 alone, as MurmurHash3's tail
            h1 ^= mixK1(w == 0 ? header : word(values, from + 2 * (w - 1), to));
        }
        long bytes = 8L * words;
        h1 ^= bytes;
        h2 ^= bytes;
        h1 += h2;
        h2 += h1;
        h1 = fmix(h1);
        h2 = fmix(h2);
        h1 += h2;
        h2 += h1;
        return new BandKey(h1, h2);
    }

    /** The values at {@code i} and {@code i + 1} (0 past {@code to}) as one word, low 32 bits each. */
    private static long word(long[] values, int i, int to) {
        return (values[i] & 0xFFFFFFFFL) << 32 | (i + 1 < to ? values[i + 1] & 0xFFFFFFFFL : 0);
    }

    private static long mixK1(long k) {
        return Long.rotateLeft(k * C1, 31) * C2;
    }

    private static long mixK2(long k) {
        return Long.rotateLeft(k * C2, 33) * C1;
    }

    /** MurmurHash3's 64-bit finalizer: every input bit affects every output bit. */
    private static long fmix(long k) {
        k = (k ^ (k >>> 33)) * 0xff51afd7ed558ccdL;
        k = (k ^ (k >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return k ^ (k >>> 33);
    }

    /**
     * Mixes both halves: exact keys (SimHash: a small choice index and masked hash bits) are far
     * from uniform, and Flink derives the key group from this value.
     */
    @Override
    public int hashCode() {
        long x = fmix(hi * 0x9E3779B97F4A7C15L + lo);
        return (int) (x ^ (x >>> 32));
    }

    @Override
    public String toString() {
        return String.format("%016x%016x", hi, lo);
    }
}
