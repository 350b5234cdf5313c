package io.djflink.ops.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.djflink.media.ImageDecoder;
import io.djflink.media.MediaAccess;
import io.djflink.media.MediaException;
import io.djflink.media.MediaLimits;
import io.djflink.media.ProducedFiles;
import io.djflink.media.SpecialTokens;
import io.djflink.media.VideoAccess;
import io.djflink.media.VideoCutter;
import io.djflink.media.VideoInfo;
import io.djflink.ops.BaseOp;
import io.djflink.ops.Mapper;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamException;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Data-Juicer's {@code video_split_by_scene_mapper}: finds the scenes of each video with
 * PySceneDetect's content detector ({@link ContentDetector}: HSV difference scores against
 * {@code threshold}, at least {@code min_scene_len} frames per scene) and replaces a video of
 * several scenes by one clip per scene, in the same sample:
 *
 * <ul>
 *   <li>{@code videos} lists, for each listed video, its scene clips, or the video itself when it
 *       has one scene; {@code __dj__source_file__} the video each entry came from;
 *   <li>in the text, the k-th {@code <__dj__video>} becomes as many tokens as the k-th video has
 *       scenes (tokens beyond the videos stay);
 *   <li>clips are named {@code <video>__dj_hash_#<hash>#_<scene>.<ext>}, the scene numbered from 1
 *       with at least three digits, where {@link ProducedFiles} says, encoded with H.264 and AAC as
 *       PySceneDetect's ffmpeg split does.
 * </ul>
 *
 * <p>Only the {@code ContentDetector} is implemented; {@code AdaptiveDetector} and
 * {@code ThresholdDetector} are refused when the op is built. Of the detector's keywords,
 * {@code weights} (hue, saturation, luma, edges; edges must be 0), {@code luma_only} and
 * {@code kernel_size} (used by edges only) are taken.
 */
public final class VideoSplitBySceneMapper extends BaseOp implements Mapper {

    private final String videoKey;
    private final ContentDetector detector;
    private final ProducedFiles produced;
    private final VideoAccess videos;

    VideoSplitBySceneMapper(Params p) {
        super(p);
        this.videoKey = p.string("video_key");
        String kind = p.string("detector");
        if (!kind.equals("ContentDetector")) {
            throw new ParamException("detector", "parameter 'detector' of op " + p.op() + " is '" + kind
                    + "': djflink implements ContentDetector only");
        }
        this.detector = new ContentDetector(p.number("threshold"), (int) p.integer("min_scene_len"), weights(p));
        if (!p.isNull("kernel_size")) {
            long k = p.integer("kernel_size");
            if (k < 3 || k % 2 == 0) {
                throw new ParamException("kernel_size", "parameter 'kernel_size' of op " + p.op() + " is " + k
                        + ": kernel_size must be odd integer >= 3");
            }
        }
        this.produced = new ProducedFiles(p.op(), p.isNull("save_dir") ? null : p.string("save_dir"), p.asMap());
        this.videos = new VideoAccess(new MediaAccess(MediaLimits.of(p)));
    }

    private static double[] weights(Params p) {
        if (p.bool("luma_only")) {
            return new double[] {0, 0, 1, 0};
        }
        if (p.isNull("weights")) {
            return new double[] {1, 1, 1, 0};
        }
        List<?> w = (List<?>) p.raw("weights");
        if (w.size() != 4 || !w.stream().allMatch(x -> x instanceof Number)) {
            throw new ParamException("weights", "parameter 'weights' of op " + p.op() + " is " + w
                    + ": four numbers (hue, saturation, luma, edges)");
        }
        double[] out = new double[4];
        for (int i = 0; i < 4; i++) {
            out[i] = ((Number) w.get(i)).doubleValue();
        }
        if (out[3] != 0) {
            throw new ParamException("weights", "parameter 'weights' of op " + p.op() + " is " + w
                    + ": djflink does not implement the edge component; its weight must be 0");
        }
        if (out[0] == 0 && out[1] == 0 && out[2] == 0) {
            throw new ParamException("weights", "parameter 'weights' of op " + p.op() + " is " + w + ": all weights are 0");
        }
        return out;
    }

    @Override
    public void open() {
        ImageDecoder.load();
    }

    @Override
    public void map(Sample sample, SampleContext ctx) throws MediaException {
        JsonNode listed = sample.get(videoKey);
        if (listed == null || listed.isNull() || (listed.isArray() && listed.isEmpty())) {
            sample.set(SpecialTokens.SOURCE_FILE, Sample.JSON.createArrayNode());
            return;
        }
        List<String> locations = MediaAccess.locations(sample, videoKey);
        Map<String, List<String>> outputs = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String location : locations) {
            if (outputs.containsKey(location)) {
                continue;
            }
            ContentDetector.Scenes scenes = detector.detect(videos, location);
            int n = scenes.ranges().size();
            counts.put(location, n);
            outputs.put(location, n > 1 ? split(location, scenes) : List.of(location));
        }
        String text = sample.text(textKey);
        if (text != null) {
            sample.setText(textKey, multiplyTokens(text, locations, counts));
        }
        ArrayNode sources = Sample.JSON.createArrayNode();
        ArrayNode clips = Sample.JSON.createArrayNode();
        for (String location : locations) {
            for (String clip : outputs.get(location)) {
                clips.add(clip);
                sources.add(location);
            }
        }
        sample.set(SpecialTokens.SOURCE_FILE, sources);
        sample.set(videoKey, clips);
    }

    /** Writes the scene clips; their paths, whether or not a clip got frames (as Data-Juicer lists them). */
    private List<String> split(String location, ContentDetector.Scenes scenes) throws MediaException {
        Path base = produced.target(location);
        int n = scenes.ranges().size();
        String format = "%0" + Math.max(3, (int) Math.floor(Math.log(n) / Math.log(10)) + 1) + "d";
        List<VideoCutter.Clip> clips = new ArrayList<>(n);
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long[] r = scenes.ranges().get(i);
            Path out = ProducedFiles.withSuffix(base, "_" + String.format(format, i + 1));
            clips.add(VideoCutter.Clip.frames(out, r[0], r[1], scenes.fps()));
            names.add(out.toString());
        }
        videos.media().withLocalFile(location, file -> {
            VideoInfo info = VideoInfo.probe(location, file);
            VideoCutter.cut(location, file, info, clips, VideoCutter.Codecs.H264_AAC);
            return null;
        });
        return names;
    }

    /** The k-th video token replaced by {@code counts[k-th video]} tokens; tokens beyond the videos stay. */
    private static String multiplyTokens(String text, List<String> locations, Map<String, Integer> counts) {
        StringBuilder sb = new StringBuilder();
        int from = 0;
        int k = 0;
        for (int at; (at = text.indexOf(SpecialTokens.VIDEO, from)) >= 0; from = at + SpecialTokens.VIDEO.length()) {
            sb.append(text, from, at);
            sb.append(k < locations.size() ? SpecialTokens.VIDEO.repeat(counts.get(locations.get(k))) : SpecialTokens.VIDEO);
            k++;
        }
        return sb.append(text, from, text.length()).toString();
    }

    /** Registers {@code video_split_by_scene_mapper}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "video_split_by_scene_mapper";
        }

        @Override
        public OpKind kind() {
            return OpKind.MAPPER;
        }

        @Override
        public String doc() {
            return "replaces each video by one clip per scene found by PySceneDetect's content detector (threshold, "
                    + "min_scene_len frames); video tokens in the text are multiplied accordingly";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("detector", ParamType.STRING, "ContentDetector",
                            "the scene detector; djflink implements ContentDetector only")
                            .oneOf("ContentDetector", "AdaptiveDetector", "ThresholdDetector"),
                    ParamSpec.of("threshold", ParamType.FLOAT, 27.0,
                            "a frame whose HSV difference score to the previous frame reaches this starts a scene")
                            .range(0.0, null),
                    ParamSpec.of("min_scene_len", ParamType.INT, 15L, "the fewest frames of a scene").range(0.0, null),
                    ParamSpec.of("show_progress", ParamType.BOOL, false, "accepted for compatibility"),
                    ParamSpec.of("save_dir", ParamType.STRING, null,
                            "directory for the clips (local); default: $DJ_PRODUCED_DATA_DIR/<op>, else __dj__produced_data__/<op> "
                                    + "next to each video"),
                    ParamSpec.of("weights", ParamType.LIST, null,
                            "ContentDetector keyword: weights of hue, saturation, luma and edges (edges must be 0); "
                                    + "default 1, 1, 1, 0"),
                    ParamSpec.of("luma_only", ParamType.BOOL, false, "ContentDetector keyword: compare the luma channel only"),
                    ParamSpec.of("kernel_size", ParamType.INT, null,
                            "ContentDetector keyword: edge dilation kernel (odd, >= 3); used by the edge component only"),
                    MediaLimits.VIDEO_SECONDS,
                    MediaLimits.bytesParam(MediaLimits.STREAMED_DEFAULT));
        }

        @Override
        public Op create(Params p) {
            return new VideoSplitBySceneMapper(p);
        }
    }
}
