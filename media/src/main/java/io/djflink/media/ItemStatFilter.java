package io.djflink.media;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.util.List;

/**
 * A {@link MultiItemFilter} with one number per item, kept when it lies in [min, max]: the shape of
 * most of Data-Juicer's media filters (sizes, aspect ratios, durations). Subclasses say how an
 * item's number is found.
 */
public abstract class ItemStatFilter extends MultiItemFilter {

    private final String mediaKey;
    private final String stat;
    private final Double min;
    private final Double max;
    /** This op's access to its files, with its limits. */
    protected final MediaAccess media;

    /**
     * @param mediaKeyParam the common parameter naming the media field ({@code image_key}, ...)
     * @param stat the stat key
     * @param min the lower bound, or null for none
     * @param max the upper bound, or null for none
     */
    protected ItemStatFilter(Params p, String mediaKeyParam, String stat, Double min, Double max, MediaLimits limits) {
        super(p);
        this.mediaKey = p.string(mediaKeyParam);
        this.stat = stat;
        this.min = min;
        this.max = max;
        this.media = new MediaAccess(limits);
    }

    /** The number of the item at {@code location}: a {@code Long} or a {@code Double}. */
    protected abstract Number value(SampleContext ctx, String location) throws MediaException;

    @Override
    public final void computeStats(Sample sample, SampleContext ctx) throws MediaException {
        if (hasStats(sample)) {
            return;
        }
        List<String> locations = MediaAccess.locations(sample, mediaKey);
        ArrayNode values = newStatList(sample, stat);
        for (String location : locations) {
            Number v = value(ctx, location);
            if (v instanceof Long) {
                values.add(v.longValue());
            } else {
                values.add(v.doubleValue());
            }
        }
    }

    @Override
    protected final boolean keepItem(Sample sample, int i) {
        return inRange(statItem(sample, stat, i), min, max);
    }

    @Override
    public final List<String> statKeys() {
        return List.of(stat);
    }
}
