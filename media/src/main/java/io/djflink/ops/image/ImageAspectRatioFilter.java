package io.djflink.ops.image;

import io.djflink.media.DecodedImage;
import io.djflink.media.ImageDecoder;
import io.djflink.media.ItemStatFilter;
import io.djflink.media.MediaException;
import io.djflink.media.MediaLimits;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.SampleContext;
import java.util.List;

/**
 * Keeps samples whose images' aspect ratios (width / height of the upright image,
 * {@code aspect_ratios}) lie in [min_ratio, max_ratio]. Images are decoded in full, as in
 * Data-Juicer, so a corrupt file is an error; the decoded image is shared with the other image
 * ops of the chain.
 */
public final class ImageAspectRatioFilter extends ItemStatFilter {

    ImageAspectRatioFilter(Params p) {
        super(p, "image_key", "aspect_ratios", p.numberOrNull("min_ratio"), p.numberOrNull("max_ratio"), MediaLimits.of(p));
    }

    @Override
    public void open() {
        ImageDecoder.load();
    }

    @Override
    protected Number value(SampleContext ctx, String location) throws MediaException {
        DecodedImage img = media.image(ctx, location);
        return (double) img.width() / img.height();
    }

    /** Registers {@code image_aspect_ratio_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "image_aspect_ratio_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose images' aspect ratios (width / height) are in [min_ratio, max_ratio] (any_or_all over the images)";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("min_ratio", ParamType.FLOAT, 0.333, "minimum width / height").allowNull(),
                    ParamSpec.of("max_ratio", ParamType.FLOAT, 3.0, "maximum width / height").allowNull(),
                    ANY_OR_ALL,
                    MediaLimits.bytesParam(MediaLimits.IN_MEMORY_DEFAULT));
        }

        @Override
        public Op create(Params p) {
            return new ImageAspectRatioFilter(p);
        }
    }
}
