package io.djflink.ops;

/**
 * A near-duplicate deduplicator (MinHash-LSH, SimHash): the op computes a signature per sample and
 * the candidate keys derived from it (LSH band keys, SimHash block keys; 128 bits each); samples
 * that share a key are candidates, and {@link #isDuplicate} confirms a candidate pair. The
 * decision (which sample of a connected group survives) is taken by the engine: in process by a
 * union-find over the batch, in Flink by keyed state per candidate key.
 */
public interface NearDeduplicator extends Op {

    /**
     * The signature of a sample (MinHash values, or the 64-bit SimHash in element 0).
     *
     * @throws Exception for a sample Data-Juicer cannot hash (e.g. fewer tokens than the window);
     *     the engine routes it to the error output
     */
    long[] signature(Sample sample, SampleContext ctx) throws Exception;

    /**
     * The candidate keys of a signature. Two samples sharing any key are candidate duplicates. The
     * keys must be a pure function of the op's params and the signature: parallel tasks, restored
     * state and later versions must derive the same keys.
     */
    BandKey[] candidateKeys(long[] signature);

    /** Whether two samples that share a candidate key are near-duplicates. */
    boolean isDuplicate(long[] a, long[] b);

    /** The similarity the signatures estimate (MinHash: Jaccard estimate), for the tracer. */
    double similarity(long[] a, long[] b);

    /**
     * Whether sharing a candidate key already makes two samples duplicates (MinHash: a shared band
     * is an edge), so engines need not keep signatures to check pairs. False: every candidate pair
     * goes through {@link #isDuplicate} (SimHash: Hamming distance).
     */
    default boolean candidatesAreDuplicates() {
        return false;
    }
}
