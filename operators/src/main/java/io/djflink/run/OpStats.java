package io.djflink.run;

import java.io.Serializable;

/**
 * Counters of one op: samples in, kept, filtered (or found duplicate), errors, and time spent.
 * For every op {@code in + added = kept + filtered + duplicates + errors}, where {@code added}
 * counts the extra samples a splitting mapper made (one sample in, three out: two added).
 */
public final class OpStats implements Serializable {

    public long in;
    public long kept;
    public long filtered;
    public long duplicates;
    public long errors;
    public long nanos;
    public long added;

    public void add(OpStats o) {
        in += o.in;
        kept += o.kept;
        filtered += o.filtered;
        duplicates += o.duplicates;
        errors += o.errors;
        nanos += o.nanos;
        added += o.added;
    }

    public boolean balanced() {
        return in + added == kept + filtered + duplicates + errors;
    }

    @Override
    public String toString() {
        return "in=" + in + " kept=" + kept + " filtered=" + filtered + " duplicates=" + duplicates
                + " errors=" + errors + (added > 0 ? " added=" + added : "") + " ms=" + nanos / 1_000_000;
    }
}
