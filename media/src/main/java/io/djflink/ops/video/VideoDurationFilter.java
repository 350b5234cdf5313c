package io.djflink.ops.video;

import io.djflink.media.ItemStatFilter;
import io.djflink.media.MediaException;
import io.djflink.media.MediaLimits;
import io.djflink.media.VideoAccess;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.SampleContext;
import java.util.List;

/**
 * Keeps samples whose videos last between {@code min_duration} and {@code max_duration} seconds:
 * stat {@code video_duration}, one value per listed video, the stream's declared duration
 * ({@code stream.duration * time_base}) rounded to whole seconds as Python's {@code round} does
 * (halves to even), as Data-Juicer records it. Nothing is decoded.
 */
public final class VideoDurationFilter extends ItemStatFilter {

    private final VideoAccess videos;

    VideoDurationFilter(Params p) {
        super(p, "video_key", "video_duration", p.numberOrNull("min_duration"), p.numberOrNull("max_duration"),
                MediaLimits.of(p));
        this.videos = new VideoAccess(media);
    }

    @Override
    protected Number value(SampleContext ctx, String location) throws MediaException {
        return videos.info(ctx, location).roundedSeconds();
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
