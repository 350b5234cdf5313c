package io.djflink.state;

/**
 * What travels to the candidate-key (band) stage for one key of one sample: the key, the
 * sample's ingestion order and id, and its signature only when pairs must be checked (SimHash);
 * never the sample itself. A Flink POJO.
 */
public class BandMember {

    public String key;
    public long order;
    public String id;
    /** The signature, or null when sharing the key already makes a duplicate (MinHash). */
    public long[] signature;
    /**
     * How many candidate keys the sample has, so that the streaming hold knows when it has every
     * answer; 0 marks the one member sent for a sample without keys.
     */
    public int count;

    public BandMember() {}

    public BandMember(String key, long order, String id, long[] signature) {
        this.key = key;
        this.order = order;
        this.id = id;
        this.signature = signature;
    }

    public BandMember(String key, long order, String id, long[] signature, int count) {
        this(key, order, id, signature);
        this.count = count;
    }
}
