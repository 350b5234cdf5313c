package io.djflink.media;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.util.List;

/**
 * A {@link MultiItemFilter} on each item's width and height in pixels, kept when both lie in
 * [min_width, max_width] and [min_height, max_height]: two stat lists, one value each per item.
 * Subclasses say how an item's size is found.
 */
public abstract class WidthHeightFilter extends MultiItemFilter {

    private final String mediaKey;
    private final String widthStat;
    private final String heightStat;
    private final Double minWidth;
    private final Double maxWidth;
    private final Double minHeight;
    private final Double maxHeight;

    /**
     * @param mediaKeyParam the common parameter naming the media field ({@code image_key}, ...)
     */
    protected WidthHeightFilter(Params p, String mediaKeyParam, String widthStat, String heightStat) {
        super(p);
        this.mediaKey = p.string(mediaKeyParam);
        this.widthStat = widthStat;
        this.heightStat = heightStat;
        this.minWidth = p.numberOrNull("min_width");
        this.maxWidth = p.numberOrNull("max_width");
        this.minHeight = p.numberOrNull("min_height");
        this.maxHeight = p.numberOrNull("max_height");
    }

    /** Data-Juicer's four bounds; {@code what} (e.g. "image ", or "") goes before "width" in their docs. */
    protected static List<ParamSpec> boundParams(String what) {
        return List.of(
                ParamSpec.of("min_width", ParamType.INT, 1L, "minimum " + what + "width in pixels").allowNull(),
                ParamSpec.of("max_width", ParamType.INT, Long.MAX_VALUE, "maximum " + what + "width in pixels").allowNull(),
                ParamSpec.of("min_height", ParamType.INT, 1L, "minimum " + what + "height in pixels").allowNull(),
                ParamSpec.of("max_height", ParamType.INT, Long.MAX_VALUE, "maximum " + what + "height in pixels").allowNull());
    }

    /** The width and height of the item at {@code location}. */
    protected abstract int[] size(SampleContext ctx, String location) throws MediaException;

    @Override
    public final void computeStats(Sample sample, SampleContext ctx) throws MediaException {
        if (hasStats(sample)) {
            return;
        }
        List<String> locations = MediaAccess.locations(sample, mediaKey);
        ArrayNode widths = newStatList(sample, widthStat);
        ArrayNode heights = newStatList(sample, heightStat);
        for (String location : locations) {
            int[] wh = size(ctx, location);
            widths.add(wh[0]);
            heights.add(wh[1]);
        }
    }

    @Override
    protected final boolean keepItem(Sample sample, int i) {
        return inRange(statItem(sample, widthStat, i), minWidth, maxWidth)
                && inRange(statItem(sample, heightStat, i), minHeight, maxHeight);
    }

    @Override
    public final List<String> statKeys() {
        return List.of(widthStat, heightStat);
    }
}
