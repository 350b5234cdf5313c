package io.djflink.ops.dedup;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The MinHash permutations eight at a time with 512-bit lanes, bit-identical to the scalar
 * {@link DocumentMinhashDeduplicator#minhashScalar}. Used only where the JVM was started with
 * {@code --add-modules jdk.incubator.vector} and the CPU has 512-bit vectors (AVX-512): narrower
 * vectors have no 64-bit lane multiply on x86, and there the scalar loop is faster.
 */
final class VectorMinHash {

    private static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_PREFERRED;
    private static final long MERSENNE_61 = DocumentMinhashDeduplicator.MERSENNE_61;

    private VectorMinHash() {}

    /** Whether this CPU's preferred vectors hold eight 64-bit lanes. */
    static boolean worthwhile() {
        return SPECIES.length() >= 8;
    }

    static long[] minhash(int[] hashes, int n, long[] permA, long[] permB) {
        int np = permA.length;
        long[] min = new long[np];
        int lanes = SPECIES.length();
        int j = 0;
        // one block of permutations stays in registers while every hash passes through it
        for (; j + lanes <= np; j += lanes) {
            LongVector a = LongVector.fromArray(SPECIES, permA, j);
            LongVector b = LongVector.fromArray(SPECIES, permB, j);
            LongVector acc = LongVector.broadcast(SPECIES, Long.MAX_VALUE);
            for (int i = 0; i < n; i++) {
                LongVector v = a.mul(hashes[i] & 0xFFFFFFFFL).add(b);
                LongVector r = v.and(MERSENNE_61).add(v.lanewise(VectorOperators.LSHR, 61));
                r = r.sub(MERSENNE_61, r.compare(VectorOperators.GE, MERSENNE_61));
                acc = acc.min(r.and(0xFFFFFFFFL));
            }
            acc.intoArray(min, j);
        }
        // the permutations left over when their number is not a multiple of the lanes
        for (; j < np; j++) {
            long m = Long.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                m = Math.min(m, DocumentMinhashDeduplicator.permute((hashes[i] & 0xFFFFFFFFL) * permA[j] + permB[j]));
            }
            min[j] = m;
        }
        return min;
    }
}
