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
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.util.List;

/**
 * Keeps samples whose videos' width and height lie in [min_width, max_width] and [min_height,
 * max_height]: stats {@code video_width} and {@code video_height}, one value per listed video, the
 * coded size the video stream declares (no rotation applied, as Data-Juicer reads
 * {@code codec_context.width/height}). Nothing is decoded.
 */
public final class VideoResolutionFilter extends MultiItemFilter {

    static final String WIDTH = "video_width";
    static final String HEIGHT = "video_height";

    private final String videoKey;
    private final Double minWidth;
    private final Double maxWidth;
    private final Double minHeight;
    private final Double maxHeight;
    private final VideoAccess videos;

    VideoResolutionFilter(Params p) {
        super(p);
        this.videoKey = p.string("video_key");
        this.minWidth = p.numberOrNull("min_width");
        this.maxWidth = p.numberOrNull("max_width");
        this.minHeight = p.numberOrNull("min_height");
        this.maxHeight = p.numberOrNull("max_height");
        this.videos = new VideoAccess(new MediaAccess(MediaLimits.of(p)));
    }

    @Override
    public void computeStats(Sample sample, SampleContext ctx) throws MediaException {
        if (hasStats(sample)) {
            return;
        }
        List<String> locations = MediaAccess.locations(sample, videoKey);
        ArrayNode widths = newStatList(sample, WIDTH);
        ArrayNode heights = newStatList(sample, HEIGHT);
        for (String location : locations) {
            VideoInfo info = videos.info(ctx, location);
            widths.add(info.width());
            heights.add(info.height());
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
            return List.of(
                    ParamSpec.of("min_width", ParamType.INT, 1L, "minimum width in pixels").allowNull(),
                    ParamSpec.of("max_width", ParamType.INT, Long.MAX_VALUE, "maximum width in pixels").allowNull(),
                    ParamSpec.of("min_height", ParamType.INT, 1L, "minimum height in pixels").allowNull(),
                    ParamSpec.of("max_height", ParamType.INT, Long.MAX_VALUE, "maximum height in pixels").allowNull(),
                    ANY_OR_ALL,
                    MediaLimits.bytesParam(MediaLimits.STREAMED_DEFAULT));
        }

        @Override
        public Op create(Params p) {
            return new VideoResolutionFilter(p);
        }
    }
}
