package io.djflink.state;

import io.djflink.ops.Sample;

/**
 * A sample in flight with where it came from. {@code (source, position)} is the total order fixed
 * at ingestion (file index and line number for files): "earlier" in dedup means smaller in it.
 * {@code key} carries the signature computed for the next deduplicator, or null.
 */
public final class SampleRecord {

    public int source;
    public long position;
    public String key;
    /** The near-duplicate signature for the next near-dedup stage, or null. */
    public long[] signature;
    public Sample sample;

    public SampleRecord() {}

    public SampleRecord(int source, long position, String key, Sample sample) {
        this.source = source;
        this.position = position;
        this.key = key;
        this.sample = sample;
    }

    /** The ingestion order as one long: file index in the high bits, line in the low 40. */
    public long order() {
        return order(source, position);
    }

    public static long order(int source, long position) {
        return ((long) source << 40) | position;
    }

    /** Whether this record was ingested before {@code other}. */
    public boolean isBefore(SampleRecord other) {
        return source != other.source ? source < other.source : position < other.position;
    }

    @Override
    public String toString() {
        return "SampleRecord{" + source + ":" + position + ", key=" + key + ", " + sample + "}";
    }
}
