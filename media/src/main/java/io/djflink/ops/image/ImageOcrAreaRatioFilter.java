package io.djflink.ops.image;

import io.djflink.media.DecodedImage;
import io.djflink.media.MediaAccess;
import io.djflink.media.MediaException;
import io.djflink.media.MediaLimits;
import io.djflink.media.TextAreaFilter;
import io.djflink.media.TextDetector;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps samples whose images have a text-area ratio in [min_area_ratio, max_area_ratio]: stat
 * {@code image_ocr_area_ratio}, one value per image, the summed areas of the text boxes PaddleOCR's
 * PP-OCRv4 detector finds over the image's area. A djflink op: Data-Juicer has the video form
 * only ({@code video_ocr_area_ratio_filter}, with EasyOCR's detector), and this is its image
 * counterpart with the same bounds and {@code any_or_all}.
 *
 * <p>The model is {@value TextDetector#DEFAULT_MODEL}, put in place at build time by
 * {@code tools/models/fetch-ppocr-det.sh}, or the file {@code model_path} names; it runs in the
 * async stage ({@link TextAreaFilter}).
 */
public final class ImageOcrAreaRatioFilter extends TextAreaFilter {

    static final String STAT = "image_ocr_area_ratio";

    private final String imageKey;
    private final MediaAccess media;

    ImageOcrAreaRatioFilter(Params p) {
        super(p, STAT);
        this.imageKey = p.string("image_key");
        this.media = new MediaAccess(MediaLimits.of(p));
    }

    @Override
    protected List<List<DecodedImage>> pictures(Sample sample, SampleContext ctx) throws MediaException {
        List<List<DecodedImage>> out = new ArrayList<>();
        for (String location : MediaAccess.locations(sample, imageKey)) {
            out.add(List.of(media.image(ctx, location)));
        }
        return out;
    }

    /** Registers {@code image_ocr_area_ratio_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "image_ocr_area_ratio_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "djflink extension: keeps samples whose images' text-area ratio (PP-OCRv4 text detection) is in"
                    + " [min_area_ratio, max_area_ratio] (any_or_all over the images); the image form of video_ocr_area_ratio_filter";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            List<ParamSpec> p = new ArrayList<>(textAreaParams("image"));
            p.add(MediaLimits.bytesParam(MediaLimits.IN_MEMORY_DEFAULT));
            return p;
        }

        @Override
        public Op create(Params p) {
            return new ImageOcrAreaRatioFilter(p);
        }
    }
}
