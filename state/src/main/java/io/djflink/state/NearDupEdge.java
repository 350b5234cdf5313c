package io.djflink.state;

/**
 * Two samples found to be near-duplicates in one candidate bucket, by ingestion order, with the
 * similarity when the bucket could compute it (NaN otherwise). A Flink POJO.
 */
public class NearDupEdge {

    public long a;
    public String aId;
    public long b;
    public String bId;
    public double similarity;

    public NearDupEdge() {}

    public NearDupEdge(long a, String aId, long b, String bId, double similarity) {
        this.a = a;
        this.aId = aId;
        this.b = b;
        this.bId = bId;
        this.similarity = similarity;
    }
}
