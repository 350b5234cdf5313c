package io.djflink.ops.video;

import io.djflink.media.MediaAccess;
import io.djflink.media.MediaException;
import io.djflink.media.MediaLimits;
import io.djflink.media.VideoAccess;
import io.djflink.media.VideoInfo;
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
 * Keeps samples whose videos' width and height lie in [min_width, max_width] and [min_height,
 * max_height]: stats {@code video_width} and {@code video_height}, one value per listed video, the
 * coded size the video stream declares (no rotation applied, as Data-Juicer reads
 * {@code codec_context.width/height}). Nothing is decoded.
 */
public final class VideoResolutionFilter extends WidthHeightFilter {

    static final String WIDTH = "video_width";
    static final String HEIGHT = "video_height";

    private final VideoAccess videos;

    VideoResolutionFilter(Params p) {
        super(p, "video_key", WIDTH, HEIGHT);
        this.videos = new VideoAccess(new MediaAccess(MediaLimits.of(p)));
    }

    @Override
    protected int[] size(SampleContext ctx, String location) throws MediaException {
        VideoInfo info = videos.info(ctx, location);
        return new int[] {info.width(), info.height()};
    }

    /** Registers {@code video_resolution_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "video_resolution_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose videos' width and height are in [min_width, max_width] and [min_height, max_height]"
                    + " (any_or_all over the videos)";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            List<ParamSpec> p = new ArrayList<>(boundParams(""));
            p.add(ANY_OR_ALL);
            p.add(MediaLimits.bytesParam(MediaLimits.STREAMED_DEFAULT));
            return p;
        }

        @Override
        public Op create(Params p) {
            return new VideoResolutionFilter(p);
        }
    }
}
