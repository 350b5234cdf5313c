package io.djflink.ops.image;

import io.djflink.media.FileSizeFilter;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.Params;
import java.util.List;

/**
 * Keeps samples whose image files' sizes ({@code image_sizes}, bytes) lie in [min_size, max_size].
 * Data-Juicer takes the length of {@code image_bytes} instead when a sample carries the image as
 * bytes; JSON has no bytes type, so djflink always takes the file's size.
 */
public final class ImageSizeFilter extends FileSizeFilter {

    ImageSizeFilter(Params p) {
        super(p, "image_key", "image_sizes");
    }

    /** Registers {@code image_size_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "image_size_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose image files' sizes are in [min_size, max_size] (size strings, any_or_all over the images)";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return sizeParams("image");
        }

        @Override
        public Op create(Params p) {
            return new ImageSizeFilter(p);
        }
    }
}
