package io.djflink.media;

import io.djflink.ops.ParamException;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.SampleContext;
import java.util.List;

/**
 * Data-Juicer's size filters (image_size_filter, audio_size_filter): the stat is each file's size
 * in bytes ({@code os.path.getsize}: nothing is read or decoded), the bounds {@code min_size} and
 * {@code max_size} are size strings ({@link ByteSize}), inclusive by default.
 */
public abstract class FileSizeFilter extends ItemStatFilter {

    /**
     * @param mediaKeyParam the common parameter naming the media field ({@code image_key}, ...)
     * @param stat the stat key ({@code image_sizes}, ...)
     */
    protected FileSizeFilter(Params p, String mediaKeyParam, String stat) {
        // only sizes are asked, never contents: no byte limit applies
        super(p, mediaKeyParam, stat, size(p, "min_size"), size(p, "max_size"),
                new MediaLimits(Long.MAX_VALUE, MediaLimits.DEFAULT_VIDEO_SECONDS));
    }

    /** {@code min_size}, {@code max_size} and {@code any_or_all}, Data-Juicer's parameters of a size filter. */
    public static List<ParamSpec> sizeParams(String what) {
        return List.of(
                ParamSpec.of("min_size", ParamType.STRING, "0", "smallest " + what + " file kept: bytes or a size string (KB, MiB, ...)"),
                ParamSpec.of("max_size", ParamType.STRING, "1TB", "largest " + what + " file kept: bytes or a size string (KB, MiB, ...)"),
                ANY_OR_ALL);
    }

    private static double size(Params p, String name) {
        try {
            return ByteSize.parseDouble(p.string(name));
        } catch (IllegalArgumentException e) {
            throw new ParamException(name, "parameter '" + name + "' of op " + p.op() + ": " + e.getMessage());
        }
    }

    @Override
    protected Number value(SampleContext ctx, String location) throws MediaException {
        return media.size(ctx, location);
    }
}
