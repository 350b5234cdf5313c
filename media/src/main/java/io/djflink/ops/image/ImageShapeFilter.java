package io.djflink.ops.image;

import io.djflink.media.DecodedImage;
import io.djflink.media.ImageDecoder;
import io.djflink.media.MediaAccess;
import io.djflink.media.MediaException;
import io.djflink.media.MediaLimits;
import io.djflink.media.WidthHeightFilter;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.Params;
import io.djflink.ops.SampleContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps samples whose images' width and height lie in [min_width, max_width] and [min_height,
 * max_height]: stats {@code image_width} and {@code image_height}, one value per image. As in
 * Data-Juicer the images are decoded in full (a truncated or corrupt file is an error, not a
 * shape), and the shape is the upright one (EXIF orientation applied), as Data-Juicer's loader
 * reports it.
 */
public final class ImageShapeFilter extends WidthHeightFilter {

    static final String WIDTH = "image_width";
    static final String HEIGHT = "image_height";

    private final MediaAccess media;

    ImageShapeFilter(Params p) {
        super(p, "image_key", WIDTH, HEIGHT);
        this.media = new MediaAccess(MediaLimits.of(p));
    }

    @Override
    public void open() {
        ImageDecoder.load();
    }

    @Override
    protected int[] size(SampleContext ctx, String location) throws MediaException {
        DecodedImage img = media.image(ctx, location);
        return new int[] {img.width(), img.height()};
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
            List<ParamSpec> p = new ArrayList<>(boundParams("image "));
            p.add(ANY_OR_ALL);
            p.add(MediaLimits.bytesParam(MediaLimits.IN_MEMORY_DEFAULT));
            return p;
        }

        @Override
        public Op create(Params p) {
            return new ImageShapeFilter(p);
        }
    }
}
