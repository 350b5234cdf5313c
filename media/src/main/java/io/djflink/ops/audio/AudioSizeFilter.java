package io.djflink.ops.audio;

import io.djflink.media.FileSizeFilter;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.Params;
import java.util.List;

/** Keeps samples whose audio files' sizes ({@code audio_sizes}, bytes) lie in [min_size, max_size]. */
public final class AudioSizeFilter extends FileSizeFilter {

    AudioSizeFilter(Params p) {
        super(p, "audio_key", "audio_sizes");
    }

    /** Registers {@code audio_size_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "audio_size_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose audio files' sizes are in [min_size, max_size] (size strings, any_or_all over the audios)";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return sizeParams("audio");
        }

        @Override
        public Op create(Params p) {
            return new AudioSizeFilter(p);
        }
    }
}
