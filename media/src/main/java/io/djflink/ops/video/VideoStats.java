package io.djflink.ops.video;

import io.djflink.media.MediaException;
import io.djflink.media.VideoAccess;
import io.djflink.media.VideoInfo;
import io.djflink.ops.SampleContext;
import java.util.ArrayList;
import java.util.List;

/** What the metadata filters share: the declared properties of each listed video, in list order. */
final class VideoStats {

    private VideoStats() {}

    /** One {@link VideoInfo} per location (a repeated location is probed once per sample). */
    static List<VideoInfo> infos(VideoAccess videos, SampleContext ctx, List<String> locations) throws MediaException {
        List<VideoInfo> out = new ArrayList<>(locations.size());
        for (String location : locations) {
            out.add(videos.info(ctx, location));
        }
        return out;
    }
}
