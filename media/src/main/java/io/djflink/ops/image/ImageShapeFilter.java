package io.djflink.ops.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.djflink.media.DecodedImage;
import io.djflink.media.ImageDecoder;
import io.djflink.media.MediaAccess;
import io.djflink.media.MediaException;
import io.djflink.media.MediaLimits;
import io.djflink.media.MultiItemFilter;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.util.List;

/**
 * Keeps samples whose images' width and height lie in [min_width, max_width] and [min_height,
 * max_height]: stats {@code image_width} and {@code image_height}, one value per image. As in
 * Data-Juicer the images are decoded in full (a truncated or corrupt file is an error, not a
 * shape), and the shape is the upright one (EXIF orientation applied), as Data-Juicer's loader
 * reports it.
 */
public final class ImageShapeFilter extends MultiItemFilter {

    static final String WIDTH = "image_width";
    static final String HEIGHT = "image_height";

    private final String imageKey;
    private final Double minWidth;
    private final Double maxWidth;
    private final Double minHeight;
    private final Double maxHeight;
    private final MediaAccess media;

    ImageShapeFilter(Params p) {
        super(p);
        this.imageKey = p.string("image_key");
        this.minWidth = p.numberOrNull("min_width");
        this.maxWidth = p.numberOrNull("max_width");
        this.minHeight = p.numberOrNull("min_height");
        this.maxHeight = p.numberOrNull("max_height");
        this.media = new MediaAccess(MediaLimits.of(p));
    }

    @Override
    public void open() {
        ImageDecoder.load();
    }

    @Override
    public void computeStats(Sample sample, SampleContext ctx) throws MediaException {
        if (hasStats(sample)) {
            return;
        }
        List<String> images = MediaAccess.locations(sample, imageKey);
        ArrayNode widths = newStatList(sample, WIDTH);
        ArrayNode heights = newStatList(sample, HEIGHT);
        for (String location : images) {
            DecodedImage img = media.image(ctx, location);
            widths.add(img.width());
            heights.add(img.height());
        }
    }

    @Override
    protected boolean keepItem(Sample sample, int i) {
        return inRange(statItem(sample, WIDTH, i), minWidth, maxWidth)
                && inRange(statItem(sample, HEIGHT, i), minHeight, maxHeight);
    }

    @Override
    public List<String> statKeys() {
        return List.of(WIDTH, HEIGHT);
    }

    /** Registers {@code image_shape_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "image_shape_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose images' width and height are in [min_width, max_width] and [min_height, max_height]"
                    + " (any_or_all over the images)";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("min_width", ParamType.INT, 1L, "minimum image width in pixels").allowNull(),
                    ParamSpec.of("max_width", ParamType.INT, Long.MAX_VALUE, "maximum image width in pixels").allowNull(),
                    ParamSpec.of("min_height", ParamType.INT, 1L, "minimum image height in pixels").allowNull(),
                    ParamSpec.of("max_height", ParamType.INT, Long.MAX_VALUE, "maximum image height in pixels").allowNull(),
                    ANY_OR_ALL,
                    MediaLimits.bytesParam(MediaLimits.IN_MEMORY_DEFAULT));
        }

        @Override
        public Op create(Params p) {
            return new ImageShapeFilter(p);
        }
    }
}
