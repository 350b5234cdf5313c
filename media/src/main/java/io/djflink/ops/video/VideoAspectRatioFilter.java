package io.djflink.ops.video;

import io.djflink.media.ItemStatFilter;
import io.djflink.media.MediaException;
import io.djflink.media.MediaLimits;
import io.djflink.media.VideoAccess;
import io.djflink.media.VideoInfo;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamException;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.SampleContext;
import java.util.List;

/**
 * Keeps samples whose videos' aspect ratio (width / height, as declared by the video stream) lies
 * in [min_ratio, max_ratio]: stat {@code video_aspect_ratios}, one value per listed video.
 *
 * <p>The bounds are fraction strings ({@code "9/21"}, {@code "9:21"}, {@code "0.75"}), read as
 * Python's {@code Fraction} reads them, and compared with the ratio (a double) exactly, as Python
 * compares a float with a Fraction: a 21:9 video whose ratio rounds above 21/9 as a double falls
 * outside {@code max_ratio: 21/9}, exactly as in Data-Juicer.
 */
public final class VideoAspectRatioFilter extends ItemStatFilter {

    private final VideoAccess videos;

    VideoAspectRatioFilter(Params p) {
        super(p, "video_key", "video_aspect_ratios", bound(p, "min_ratio"), bound(p, "max_ratio"), MediaLimits.of(p));
        this.videos = new VideoAccess(media);
    }

    /**
     * The double bound that decides as the exact ratio does under the filter's closure:
     * {@code v >= r <=> v >= ceil(r)}, {@code v > r <=> v > floor(r)}, {@code v <= r <=> v <= floor(r)},
     * {@code v < r <=> v < ceil(r)} (ceil and floor: the nearest doubles above and below r).
     */
    private static double bound(Params p, String name) {
        Object raw = p.raw(name);
        Ratio r;
        try {
            r = Ratio.parse(String.valueOf(raw).replace(':', '/'));
        } catch (IllegalArgumentException e) {
            throw new ParamException(name, "parameter '" + name + "' of op " + p.op() + ": " + e.getMessage());
        }
        boolean reversed = p.bool("reversed_range");
        boolean lower = name.equals("min_ratio");
        boolean closed = reversed != p.bool(lower ? "min_closed_interval" : "max_closed_interval");
        return lower == closed ? r.ceil() : r.floor();
    }

    @Override
    protected Number value(SampleContext ctx, String location) throws MediaException {
        VideoInfo info = videos.info(ctx, location);
        if (info.height() <= 0) {
            throw new MediaException(location, "the video stream declares a height of " + info.height());
        }
        return (double) info.width() / info.height();
    }

    /** Registers {@code video_aspect_ratio_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "video_aspect_ratio_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose videos' aspect ratio (width/height) is in [min_ratio, max_ratio], fractions such as "
                    + "9/21 or 9:21 (any_or_all over the videos)";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("min_ratio", ParamType.ANY, "9/21", "minimum width/height, a fraction string ('9/21' or '9:21')"),
                    ParamSpec.of("max_ratio", ParamType.ANY, "21/9", "maximum width/height, a fraction string ('21/9' or '21:9')"),
                    ANY_OR_ALL,
                    MediaLimits.bytesParam(MediaLimits.STREAMED_DEFAULT));
        }

        @Override
        public Op create(Params p) {
            return new VideoAspectRatioFilter(p);
        }
    }
}
