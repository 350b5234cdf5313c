package io.djflink.ops.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.media.TestMedia;
import io.djflink.media.TestVideos;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.recipe.OpConfig;
import io.djflink.recipe.RecipeLoader;
import io.djflink.recipe.RecipeValidator;
import io.djflink.run.LocalRunner;
import io.djflink.run.Plan;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad video fails its own sample with the op, the path and the reason, and the run
 * goes on: the good samples are kept and the counts balance.
 */
class BadVideosTest {

    @TempDir
    static Path dir;

    static String good;
    static String missing;
    static String empty;
    static String text;
    static String cutIndex;   // an MP4 cut before its index (written at the end)
    static String cutData;    // an MP4 with its index first, cut inside its frames
    static String audioOnly;

    @BeforeAll
    static void files() throws Exception {
        good = TestVideos.spec().frames(20).paint(TestVideos.texture(2)).write(dir.resolve("good.mp4")).toString();
        Path whole = TestVideos.spec().frames(40).paint(TestVideos.texture(2)).write(dir.resolve("whole.mp4"));
        Path fast = TestVideos.spec().frames(40).paint(TestVideos.texture(2)).faststart().write(dir.resolve("fast.mp4"));
        missing = dir.resolve("missing.mp4").toString();
        empty = Files.write(dir.resolve("empty.mp4"), new byte[0]).toString();
        text = Files.writeString(dir.resolve("notes.mp4"), "not a video, just notes\n").toString();
        cutIndex = TestMedia.truncated(whole, dir.resolve("cut-index.mp4"), (int) Files.size(whole) * 2 / 3).toString();
        cutData = TestMedia.truncated(fast, dir.resolve("cut-data.mp4"), (int) Files.size(fast) / 2).toString();
        audioOnly = dir.resolve("voice.wav").toString();
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(audioOnly, 1);
        r.setFormat("wav");
        r.setSampleRate(8000);
        r.start();
        r.recordSamples(8000, 1, ShortBuffer.wrap(new short[8000]));
        r.stop();
        r.release();
    }

    @Test
    void aProbingFilterRoutesEachBadVideoWithItsReason() throws Exception {
        LocalRunner.Outcome o = run("video_duration_filter", good, missing, empty, text, cutIndex, audioOnly, good);
        assertThat(o.kept()).hasSize(2);
        assertThat(o.errors()).extracting(e -> e.error().getMessage()).containsExactly(
                missing + ": no such file",
                empty + ": the file is empty (0 bytes)",
                text + ": not a video FFmpeg can read: Invalid data found when processing input (a truncated file, e.g. an MP4"
                        + " cut before its index, reads the same)",
                cutIndex + ": not a video FFmpeg can read: Invalid data found when processing input (a truncated file, e.g. an"
                        + " MP4 cut before its index, reads the same)",
                audioOnly + ": the file has no video stream (1 other streams)");
        assertThat(o.errors()).allSatisfy(e -> assertThat(e.op().name()).isEqualTo("video_duration_filter"));
        assertThat(o.read()).isEqualTo(7);
    }

    @Test
    void aDecodingFilterAlsoRefusesAVideoCutInsideItsFrames() throws Exception {
        LocalRunner.Outcome o = run("video_motion_score_filter", good, cutData);
        assertThat(o.kept()).hasSize(1);
        assertThat(o.errors()).singleElement().satisfies(e -> assertThat(e.error().getMessage())
                .startsWith(cutData + ": corrupt video data after frame "));
    }

    private static LocalRunner.Outcome run(String op, String... videos) throws Exception {
        List<Sample> input = new ArrayList<>();
        for (String v : videos) {
            input.add(VideoMetadataFiltersTest.sample(v));
        }
        List<OpConfig> ops = RecipeValidator.validate(RecipeLoader.parse("r.yaml", String.join("\n",
                "process:",
                "  - " + op + ":",
                op.equals("video_motion_score_filter") ? "      min_score: 0" : "",
                "")), OpRegistry.get(), false);
        return new LocalRunner(Plan.of(ops, OpRegistry.get()), OpRegistry.get()).run(input);
    }
}
