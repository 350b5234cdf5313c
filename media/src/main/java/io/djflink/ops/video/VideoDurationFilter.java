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
 * Keeps samples whose videos last between {@code min_duration} and {@code max_duration} seconds:
 * stat {@code video_duration}, one value per listed video, the stream's declared duration
 * ({@code stream.duration * time_base}) rounded to whole seconds as Python's {@code round} does
 * (halves to even), as Data-Juicer records it. Nothing is decoded.
 */
public final class VideoDurationFilter extends MultiItemFilter {

    static final String DURATION = "video_duration";

    private final String videoKey;
    private final Double min;
    private final Double max;
    private final VideoAccess videos;

    VideoDurationFilter(Params p) {
        super(p);
        this.videoKey = p.string("video_key");
        this.min = p.numberOrNull("min_duration");
        this.max = p.numberOrNull("max_duration");
        this.videos = new VideoAccess(new MediaAccess(MediaLimits.of(p)));
    }

    @Override
    public void computeStats(Sample sample, SampleContext ctx) throws MediaException {
        if (hasStats(sample)) {
            return;
        }
        List<String> locations = MediaAccess.locations(sample, videoKey);
        ArrayNode durations = newStatList(sample, DURATION);
        for (VideoInfo info : VideoStats.infos(videos, ctx, locations)) {
            durations.add(info.roundedSeconds());
        }
    }

    @Override
    protected boolean keepItem(Sample sample, int i) {
        return inRange(statItem(sample, DURATION, i), min, max);
    }

    @Override
    public List<String> statKeys() {
        return List.of(DURATION);
    }

    /** Registers {@code video_duration_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "video_duration_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose videos last min_duration..max_duration seconds (declared duration, rounded to "
                    + "whole seconds; any_or_all over the videos)";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("min_duration", ParamType.FLOAT, 0.0, "minimum duration in seconds").allowNull(),
                    ParamSpec.of("max_duration", ParamType.FLOAT, (double) Long.MAX_VALUE, "maximum duration in seconds")
                            .allowNull(),
                    ANY_OR_ALL,
                    MediaLimits.bytesParam(MediaLimits.STREAMED_DEFAULT));
        }

        @Override
        public Op create(Params p) {
            return new VideoDurationFilter(p);
        }
    }
}
