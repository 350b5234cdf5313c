package io.djflink.ops;

import java.util.List;

/** A filter that writes one stat and keeps samples whose stat lies in [min, max] (DJ's range semantics). */
public abstract class StatRangeFilter extends BaseFilter {

    private final String stat;
    private final Double min;
    private final Double max;

    /**
     * @param minParam the parameter holding the lower bound (null: none)
     * @param maxParam the parameter holding the upper bound (null: none)
     */
    protected StatRangeFilter(Params params, String stat, String minParam, String maxParam) {
        super(params);
        this.stat = stat;
        this.min = params.numberOrNull(minParam);
        this.max = params.numberOrNull(maxParam);
    }

    @Override
    public final boolean keep(Sample sample) {
        return inRange(stat(sample, stat), min, max);
    }

    @Override
    public final List<String> statKeys() {
        return List.of(stat);
    }
}
