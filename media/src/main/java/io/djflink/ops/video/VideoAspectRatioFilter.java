package io.djflink.ops.video;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.djflink.media.MediaAccess;
import io.djflink.media.MediaException;
import io.djflink.media.MediaLimits;
import io.djflink.media.MultiItemFilter;
import io.djflink.media.VideoAccess;
import io.djflink.media.VideoInfo;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamException;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
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
public final class VideoAspectRatioFilter extends MultiItemFilter {

    static final String RATIOS = "video_aspect_ratios";

    private final String videoKey;
    private final double minBound;
    private final double maxBound;
    private final VideoAccess videos;

    VideoAspectRatioFilter(Params p) {
        super(p);
        this.videoKey = p.string("video_key");
        Ratio min = ratio(p, "min_ratio");
        Ratio max = ratio(p, "max_ratio");
        // The double bound that decides as the exact one does under the filter's closure:
        // v >= r <=> v >= ceil(r); v > r <=> v > floor(r); v <= r <=> v <= floor(r); v < r <=> v < ceil(r).
        boolean reversed = p.bool("reversed_range");
        boolean minClosed = reversed != p.bool("min_closed_interval");
        boolean maxClosed = reversed != p.bool("max_closed_interval");
        this.minBound = minClosed ? min.ceil() : min.floor();
        this.maxBound = maxClosed ? max.floor() : max.ceil();
        this.videos = new VideoAccess(new MediaAccess(MediaLimits.of(p)));
    }

    private static Ratio ratio(Params p, String name) {
        Object raw = p.raw(name);
        try {
            return Ratio.parse(String.valueOf(raw).replace(':', '/'));
        } catch (IllegalArgumentException e) {
            throw new ParamException(name, "parameter '" + name + "' of op " + p.op() + ": " + e.getMessage());
        }
    }

    @Override
    public void computeStats(Sample sample, SampleContext ctx) throws MediaException {
        if (hasStats(sample)) {
            return;
        }
        List<String> locations = MediaAccess.locations(sample, videoKey);
        ArrayNode ratios = newStatList(sample, RATIOS);
        for (VideoInfo info : VideoStats.infos(videos, ctx, locations)) {
            if (info.height() <= 0) {
                throw new MediaException(info.location(), "the video stream declares a height of " + info.height());
            }
            ratios.add((double) info.width() / info.height());
        }
    }

    @Override
    protected boolean keepItem(Sample sample, int i) {
        return inRange(statItem(sample, RATIOS, i), minBound, maxBound);
    }

    @Override
    public List<String> statKeys() {
        return List.of(RATIOS);
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
