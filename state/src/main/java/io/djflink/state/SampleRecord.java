package io.djflink.state;

import io.djflink.ops.Sample;

/**
 * A sample in flight with where it came from. {@code (source, position)} is the total order fixed
 * at ingestion (file index and line number for files): "earlier" in dedup means smaller in it.
 * {@code key} carries the signature computed for the next deduplicator, or null.
 *
 * <p>A record read from the network or from state keeps the sample in its Smile form and parses
 * it only when {@link #sample()} is first called: stages that only hold and pass samples on (the
 * near-dup hold, the export) never build the tree. Once parsed, the Smile form is dropped, since
 * callers may change the tree and the bytes would then be stale.
 *
 * <p>A record whose sample goes only to the export from some stage on may carry its export line
 * instead ({@link #withExportLine}): the near-dedup hold of a recipe's last op keeps that line, so
 * releasing a kept sample is a copy, not a conversion.
 */
public final class SampleRecord {

    public int source;
    public long position;
    public String key;
    /** The near-duplicate signature for the next near-dedup stage, or null. */
    public long[] signature;
    /** Null while the sample is held only as {@link #smile}. */
    private Sample sample;
    /** The unparsed sample (never changed once set), or null once {@link #sample} is set. */
    private byte[] smile;
    /** The sample's export line as UTF-8 (never changed once set), or null; excludes the other two forms. */
    private byte[] line;

    public SampleRecord() {}

    public SampleRecord(int source, long position, String key, Sample sample) {
        this.source = source;
        this.position = position;
        this.key = key;
        this.sample = sample;
    }

    /** The sample, parsed from its Smile form on first use. */
    public Sample sample() {
        if (sample == null && smile != null) {
            sample = SampleSmile.decode(smile);
            smile = null;
        } else if (sample == null && line != null) {
            // the holds read a sample only to trace it, and a traced op's hold gets Smile; a line
            // is still a valid sample (without the fields the export leaves out) for anyone else
            sample = Sample.parse(new String(line, java.nio.charset.StandardCharsets.UTF_8));
            line = null;
        }
        return sample;
    }

    /** Replaces the sample (and drops any unparsed form of the old one). */
    public void setSample(Sample sample) {
        this.sample = sample;
        this.smile = null;
        this.line = null;
    }

    /**
     * The sample's Smile bytes while it has not been parsed ({@link SampleSmile#encode}), else
     * null. The array is shared: never change it.
     */
    public byte[] unparsedSmile() {
        return smile;
    }

    /** Sets the sample in its Smile form, to be parsed when first asked for. */
    void setSmile(byte[] smile) {
        this.sample = null;
        this.smile = smile;
        this.line = null;
    }

    /** The export line (UTF-8 JSON, without the fields the export leaves out) this record carries, or null. */
    public byte[] exportLine() {
        return line;
    }

    /**
     * A record of the same position and key, without signature, carrying {@code line} (the
     * sample's export line as UTF-8) in place of the sample: for stages after which the sample
     * is only exported.
     */
    public SampleRecord withExportLine(byte[] line) {
        SampleRecord r = new SampleRecord(source, position, key, null);
        r.setExportLine(line);
        return r;
    }

    /** Sets the sample as its export line (UTF-8), in place of any other form. */
    void setExportLine(byte[] line) {
        this.sample = null;
        this.smile = null;
        this.line = line;
    }

    /** A record of the same sample (shared, not copied) and key, without the signature. */
    public SampleRecord withoutSignature() {
        SampleRecord r = new SampleRecord(source, position, key, sample);
        r.smile = smile;
        r.line = line;
        return r;
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
        // Not sample(): printing a record must not change what it costs to pass it on.
        Object shown = sample != null ? sample : smile != null ? SampleSmile.decode(smile)
                : line != null ? new String(line, java.nio.charset.StandardCharsets.UTF_8) : null;
        return "SampleRecord{" + source + ":" + position + ", key=" + key + ", " + shown + "}";
    }
}
