package io.djflink.state;

/**
 * A sample that is not the earliest of its near-duplicate component: its order, the order and id
 * of the component's survivor, and the similarity of its first edge (NaN when unknown). A Flink
 * POJO.
 */
public class NearDupVerdict {

    public long order;
    public long survivor;
    public String survivorId;
    public double similarity;
    /** Whether the tracer will show this pair (its similarity is then computed from the signatures). */
    public boolean traced;
    /** The dropped sample's signature, while the verdict travels to the survivor for the similarity. */
    public long[] signature;

    public NearDupVerdict() {}

    public NearDupVerdict(long order, long survivor, String survivorId, double similarity) {
        this.order = order;
        this.survivor = survivor;
        this.survivorId = survivorId;
        this.similarity = similarity;
    }
}
