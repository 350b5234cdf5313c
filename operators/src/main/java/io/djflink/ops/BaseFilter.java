package io.djflink.ops;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A filter with Data-Juicer's range semantics ({@code get_keep_boolean}): bounds that are null are
 * skipped, {@code min_closed_interval}/{@code max_closed_interval} choose inclusive bounds, and
 * {@code reversed_range} flips both closures and negates the result (keeps the outside).
 */
public abstract class BaseFilter extends BaseOp implements Filter {

    private final boolean minClosed;
    private final boolean maxClosed;
    protected final boolean reversed;

    protected BaseFilter(Params params) {
        super(params);
        boolean rev = params.bool("reversed_range");
        this.reversed = rev;
        this.minClosed = rev != params.bool("min_closed_interval");
        this.maxClosed = rev != params.bool("max_closed_interval");
    }

    /** Data-Juicer's {@code get_keep_boolean(val, min_val, max_val)}. */
    protected final boolean inRange(double value, Double min, Double max) {
        boolean keep = true;
        if (min != null) {
            keep = minClosed ? value >= min : value > min;
        }
        if (max != null) {
            keep = keep && (maxClosed ? value <= max : value < max);
        }
        return reversed != keep;
    }

    /** The text to compute a stat on; a missing text is an error the chain routes, never a 0. */
    protected final String requireText(Sample sample) {
        String t = sample.text(textKey);
        if (t == null) {
            throw new IllegalArgumentException("sample has no text field '" + textKey + "'");
        }
        return t;
    }

    /**
     * Reads a numeric stat written by {@link #computeStats}. A stat that is missing, null or not
     * a number (e.g. a null left by schema unification upstream) is an error the chain routes,
     * never a silent 0.
     */
    protected static double stat(Sample sample, String key) {
        JsonNode v = sample.stats().get(key);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("stat '" + key + "' is " + (v == null ? "missing" : v.toString()) + ", not a number");
        }
        return v.doubleValue();
    }
}
