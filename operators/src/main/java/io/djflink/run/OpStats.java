package io.djflink.run;

import java.io.Serializable;

/**
 * Counters of one op: samples in, kept, filtered (or found duplicate), errors, and time spent.
 * For every op {@code in = kept + filtered + duplicates + errors}.
 */
public final class OpStats implements Serializable {

    public long in;
    public long kept;
    public long filtered;
    public long duplicates;
    public long errors;
    public long nanos;

    public void add(OpStats o) {
        in += o.in;
        kept += o.kept;
        filtered += o.filtered;
        duplicates += o.duplicates;
        errors += o.errors;
        nanos += o.nanos;
    }

    public boolean balanced() {
        return in == kept + filtered + duplicates + errors;
    }

    @Override
    public String toString() {
        return "in=" + in + " kept=" + kept + " filtered=" + filtered + " duplicates=" + duplicates
                + " errors=" + errors + " ms=" + nanos / 1_000_000;
    }
}
