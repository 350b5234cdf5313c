package io.djflink.ops.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.djflink.media.MediaAccess;
import io.djflink.media.MediaException;
import io.djflink.media.MediaLimits;
import io.djflink.media.ProducedFiles;
import io.djflink.media.SpecialTokens;
import io.djflink.media.VideoCutter;
import io.djflink.media.VideoInfo;
import io.djflink.ops.AsyncOp;
import io.djflink.ops.BaseOp;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.text.PyStr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Data-Juicer's {@code video_split_by_duration_mapper}: cuts every video of a sample into clips of
 * {@code split_duration} seconds and emits one new sample holding all the clips, after the
 * original sample when {@code keep_original_sample}.
 *
 * <ul>
 *   <li>Clip boundaries are {@code 0, d, 2d, ...} below the video's duration (numpy's
 *       {@code arange}); clip i spans the boundaries i and i + 1 with both ends included, so a
 *       frame exactly on a boundary is in both clips; the rest after the last boundary becomes a
 *       clip when it lasts at least {@code min_last_split_duration}. See {@link VideoCutter}.
 *   <li>The new sample's text is rebuilt chunk by chunk (chunks end with
 *       {@code <|__dj__eoc|>}; blank chunks are dropped, every kept chunk ends with the token):
 *       each {@code <__dj__video>} of a chunk becomes as many tokens as its video gave clips.
 *       {@code videos} lists the clips, {@code __dj__source_file__} the video each came from.
 *   <li>The original sample gets {@code __dj__source_file__} = its videos when it had none. A
 *       sample without videos yields no new sample (and disappears when
 *       {@code keep_original_sample} is false), as in Data-Juicer.
 *   <li>Clips are written as {@link ProducedFiles} says ({@code save_dir}, else
 *       {@code DJ_PRODUCED_DATA_DIR}, else {@code __dj__produced_data__} next to the video) and
 *       named {@code <video>__dj_hash_#<hash>#_<i>.<ext>}.
 * </ul>
 *
 * <p>Splitting changes the number of samples, so the op runs in an async stage of its own: each
 * task cuts on one worker thread of the op, keeping the task thread free.
 */
public final class VideoSplitByDurationMapper extends BaseOp implements AsyncOp {

    private final String videoKey;
    private final double splitDuration;
    private final double minLastSplitDuration;
    private final boolean keepOriginal;
    private final ProducedFiles produced;
    private final MediaAccess media;
    private ExecutorService worker;

    VideoSplitByDurationMapper(Params p) {
        super(p);
        this.videoKey = p.string("video_key");
        this.splitDuration = p.number("split_duration");
        this.minLastSplitDuration = p.number("min_last_split_duration");
        this.keepOriginal = p.bool("keep_original_sample");
        this.produced = new ProducedFiles(p.op(), p.isNull("save_dir") ? null : p.string("save_dir"), p.asMap());
        this.media = new MediaAccess(MediaLimits.of(p));
    }

    @Override
    public void open() {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name() + " worker");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public CompletableFuture<List<Sample>> applyAsync(Sample sample) {
        if (worker == null) {
            open();
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return split(sample);
            } catch (MediaException e) {
                throw new CompletionException(e);
            }
        }, worker);
    }

    /** Two in flight per task: one cutting, the next waiting, so the worker never idles between samples. */
    @Override
    public Integer capacity() {
        return 2;
    }

    /** The samples the op yields for one sample: the original (when kept), then the split one. */
    List<Sample> split(Sample sample) throws MediaException {
        List<Sample> out = new ArrayList<>(2);
        if (keepOriginal) {
            out.add(sample);
        }
        JsonNode listed = sample.get(videoKey);
        if (listed == null || listed.isNull() || (listed.isArray() && listed.isEmpty())) {
            sample.set(SpecialTokens.SOURCE_FILE, Sample.JSON.createArrayNode());
            return out;
        }
        List<String> locations = MediaAccess.locations(sample, videoKey);
        JsonNode source = sample.get(SpecialTokens.SOURCE_FILE);
        if (source == null || source.isNull() || (source.isContainerNode() && source.isEmpty())
                || (source.isTextual() && source.textValue().isEmpty())) {
            sample.set(SpecialTokens.SOURCE_FILE, listed.deepCopy());
        }
        String text = sample.text(textKey);
        if (text == null) {
            throw new IllegalArgumentException("sample has no text field '" + textKey + "'");
        }

        StringBuilder newText = new StringBuilder();
        ArrayNode clips = Sample.JSON.createArrayNode();
        ArrayNode sources = Sample.JSON.createArrayNode();
        int offset = 0;
        for (String chunk : text.split(java.util.regex.Pattern.quote(SpecialTokens.EOC), -1)) {
            if (PyStr.strip(chunk).isEmpty()) {
                continue;
            }
            int count = occurrences(chunk, SpecialTokens.VIDEO);
            List<String> placeholders = new ArrayList<>();
            for (String location : locations.subList(Math.min(offset, locations.size()),
                    Math.min(offset + count, locations.size()))) {
                List<String> parts = splitVideo(location);
                parts.forEach(clips::add);
                parts.forEach(x -> sources.add(location));
                placeholders.add(SpecialTokens.VIDEO.repeat(parts.size()));
            }
            newText.append(replaceTokens(chunk, placeholders)).append(SpecialTokens.EOC);
            offset += count;
        }
        Sample split = sample.copy();
        split.setText(textKey, newText.toString());
        split.set(videoKey, clips);
        split.set(SpecialTokens.SOURCE_FILE, sources);
        out.add(split);
        return out;
    }

    /** Each video token of the chunk replaced by the next placeholder, in order. */
    private static String replaceTokens(String chunk, List<String> placeholders) {
        StringBuilder sb = new StringBuilder();
        int from = 0;
        int k = 0;
        for (int at; (at = chunk.indexOf(SpecialTokens.VIDEO, from)) >= 0; from = at + SpecialTokens.VIDEO.length()) {
            if (k >= placeholders.size()) {
                throw new IllegalArgumentException("the text has more " + SpecialTokens.VIDEO + " tokens than the sample has videos");
            }
            sb.append(chunk, from, at).append(placeholders.get(k++));
        }
        return sb.append(chunk, from, chunk.length()).toString();
    }

    private static int occurrences(String s, String token) {
        int n = 0;
        for (int at = s.indexOf(token); at >= 0; at = s.indexOf(token, at + token.length())) {
            n++;
        }
        return n;
    }

    /** Cuts one video; the clips' paths in order. */
    private List<String> splitVideo(String location) throws MediaException {
        return media.withLocalFile(location, file -> {
            VideoInfo info = VideoInfo.probe(location, file);
            double duration = info.durationSeconds();
            media.limits().checkVideoSeconds(location, duration);
            // numpy.arange(0, duration, split_duration)
            long n = (long) Math.ceil(duration / splitDuration);
            if (n <= 0) {
                throw new MediaException(location, "the video lasts " + duration + " s: nothing to split");
            }
            Path base = produced.target(location);
            List<VideoCutter.Clip> clips = new ArrayList<>();
            for (long i = 1; i < n; i++) {
                clips.add(VideoCutter.Clip.seconds(ProducedFiles.withSuffix(base, "_" + (i - 1)), (i - 1) * splitDuration,
                        i * splitDuration));
            }
            double last = (n - 1) * splitDuration;
            if (duration - last >= minLastSplitDuration) {
                clips.add(VideoCutter.Clip.seconds(ProducedFiles.withSuffix(base, "_" + (n - 1)), last, null));
            }
            VideoCutter.cut(location, file, info, clips, VideoCutter.Codecs.SOURCE);
            // Data-Juicer numbers only the clips it could write, so later ones move down over a gap
            List<String> out = new ArrayList<>();
            for (VideoCutter.Clip c : clips) {
                if (c.frames() == 0) {
                    continue;
                }
                Path name = ProducedFiles.withSuffix(base, "_" + out.size());
                if (!name.equals(c.output())) {
                    Files.move(c.output(), name, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                out.add(name.toString());
            }
            return out;
        });
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.shutdownNow();
            worker = null;
        }
    }

    /** Registers {@code video_split_by_duration_mapper}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "video_split_by_duration_mapper";
        }

        @Override
        public OpKind kind() {
            return OpKind.MAPPER;
        }

        @Override
        public String doc() {
            return "cuts each video into split_duration-second clips (a last clip shorter than min_last_split_duration is "
                    + "dropped) and adds one sample with the clips after the original (keep_original_sample); runs in an "
                    + "async stage";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("split_duration", ParamType.FLOAT, 10.0, "clip length in seconds").positive(),
                    ParamSpec.of("min_last_split_duration", ParamType.FLOAT, 0.0,
                            "the shortest last clip kept, in seconds").range(0.0, null),
                    ParamSpec.of("keep_original_sample", ParamType.BOOL, true, "also emit the original sample, before the split one"),
                    ParamSpec.of("save_dir", ParamType.STRING, null,
                            "directory for the clips (local); default: $DJ_PRODUCED_DATA_DIR/<op>, else __dj__produced_data__/<op> "
                                    + "next to each video"),
                    MediaLimits.VIDEO_SECONDS,
                    MediaLimits.bytesParam(MediaLimits.STREAMED_DEFAULT));
        }

        @Override
        public Op create(Params p) {
            return new VideoSplitByDurationMapper(p);
        }
    }
}
