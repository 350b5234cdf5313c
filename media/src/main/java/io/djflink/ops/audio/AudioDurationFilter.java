package io.djflink.ops.audio;

import io.djflink.media.AudioInfo;
import io.djflink.media.FfmpegNatives;
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
 * Keeps samples whose audios last [min_duration, max_duration] seconds ({@code audio_duration},
 * one value per audio). The duration is the container's where it states one, without decoding
 * ({@link AudioInfo}: it can differ from Data-Juicer's decoded length, librosa's
 * {@code len(y) / sr}, by an encoder's delay and padding, tens of milliseconds for AAC and MP3;
 * WAV and Ogg agree); files whose duration FFmpeg would only estimate are decoded and their
 * samples counted.
 */
public final class AudioDurationFilter extends ItemStatFilter {

    AudioDurationFilter(Params p) {
        super(p, "audio_key", "audio_duration", p.numberOrNull("min_duration"), p.numberOrNull("max_duration"), MediaLimits.of(p));
    }

    @Override
    public void open() {
        FfmpegNatives.load();
    }

    @Override
    protected Number value(SampleContext ctx, String location) throws MediaException {
        AudioInfo info = media.cached(ctx, "audio-info", location,
                () -> media.withLocalFile(location, file -> AudioInfo.probe(location, file)));
        return info.seconds();
    }

    /** Registers {@code audio_duration_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "audio_duration_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose audios last [min_duration, max_duration] seconds (any_or_all over the audios)";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("min_duration", ParamType.INT, 0L, "minimum duration in seconds").range(0.0, null).allowNull(),
                    ParamSpec.of("max_duration", ParamType.INT, Long.MAX_VALUE, "maximum duration in seconds").range(0.0, null).allowNull(),
                    ANY_OR_ALL,
                    MediaLimits.bytesParam(MediaLimits.STREAMED_DEFAULT));
        }

        @Override
        public Op create(Params p) {
            return new AudioDurationFilter(p);
        }
    }
}
