package io.djflink.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.djflink.ops.BaseFilter;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;

/**
 * A filter over the items of a sample (its images, audios or videos), as Data-Juicer's media
 * filters decide: one stat value per item, in list order, written as a JSON list; each item passes
 * or not by {@code get_keep_boolean} on its value(s) (bounds, closures and {@code reversed_range}
 * of {@link BaseFilter}); {@code any_or_all} reduces: {@code any} keeps the sample when at least
 * one item passes, {@code all} only when every item does. A sample without items has empty stat
 * lists and is kept.
 */
public abstract class MultiItemFilter extends BaseFilter {

    /** Data-Juicer's {@code any_or_all}, declared by every multi-item filter. */
    public static final ParamSpec ANY_OR_ALL = ParamSpec.of("any_or_all", ParamType.STRING, "any",
            "keep the sample if any item passes ('any') or only if all do ('all')").oneOf("any", "all");

    private final boolean any;

    protected MultiItemFilter(Params p) {
        super(p);
        this.any = p.string(ANY_OR_ALL.name()).equals("any");
    }

    /** Whether item {@code i} passes, from the stats already written. */
    protected abstract boolean keepItem(Sample sample, int i);

    @Override
    public final boolean keep(Sample sample) {
        int n = statList(sample, statKeys().get(0)).size();
        if (n == 0) {
            return true;
        }
        for (int i = 0; i < n; i++) {
            boolean k = keepItem(sample, i);
            if (any && k) {
                return true;
            }
            if (!any && !k) {
                return false;
            }
        }
        return !any;
    }

    /** Whether every stat this filter writes is present (Data-Juicer then computes nothing). */
    protected final boolean hasStats(Sample sample) {
        for (String k : statKeys()) {
            if (!sample.hasStat(k)) {
                return false;
            }
        }
        return true;
    }

    /** An empty list under {@code key} in the sample's stats, to be filled item by item. */
    protected static ArrayNode newStatList(Sample sample, String key) {
        return sample.stats().putArray(key);
    }

    /**
     * The stat list under {@code key}. A value that is not a list (e.g. a scalar left by another
     * tool) is an error the chain routes, never a silent keep.
     */
    protected static JsonNode statList(Sample sample, String key) {
        JsonNode v = sample.stats().get(key);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException("stat '" + key + "' is " + (v == null ? "missing" : v.toString()) + ", not a list");
        }
        return v;
    }

    /** Item {@code i} of the stat list under {@code key}, as a number. */
    protected static double statItem(Sample sample, String key, int i) {
        JsonNode v = statList(sample, key).get(i);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("stat '" + key + "' item " + i + " is " + v + ", not a number");
        }
        return v.doubleValue();
    }
}
