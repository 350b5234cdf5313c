package io.djflink.state;

import io.djflink.ops.BandKey;

/**
 * What travels to the candidate-key (band) stage for one key of one sample: the key, the
 * sample's ingestion order and id, and its signature only when pairs must be checked (SimHash);
 * never the sample itself. Serialized by {@link BandMemberSerializer} ({@link BandMemberSerializer#TYPE}).
 */
public class BandMember {

    /** The candidate key, or null in bucket state (where the state's key is the band key). */
    public BandKey key;
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

    public BandMember(BandKey key, long order, String id, long[] signature) {
        this.key = key;
        this.order = order;
        this.id = id;
        this.signature = signature;
    }

    public BandMember(BandKey key, long order, String id, long[] signature, int count) {
        this(key, order, id, signature);
        this.count = count;
    }
}
