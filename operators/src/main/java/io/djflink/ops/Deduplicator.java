package io.djflink.ops;

/**
 * Data-Juicer's Deduplicator, split as djflink runs it: the op computes the signature of a
 * sample; the decision (which sample of a group survives) is taken by a keyed stage that holds
 * the seen signatures in state.
 */
public interface Deduplicator extends Op {

    /** The signature of the sample; samples with equal signatures are exact duplicates. */
    String hash(Sample sample, SampleContext ctx) throws Exception;
}
