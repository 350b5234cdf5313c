package io.djflink.ops.video;

import static io.djflink.ops.video.VideoMetadataFiltersTest.filter;
import static io.djflink.ops.video.VideoMetadataFiltersTest.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.djflink.media.TestVideos;
import io.djflink.ops.Filter;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoMotionScoreFilterTest {

    @TempDir
    static Path dir;

    static String still;     // the texture, not moving
    static String panning;   // the whole texture moving 1 px per frame, 10 fps, 40 frames
    static String short6;    // the same, 6 frames
    static String slowSquare; // a 30 px textured square crossing a flat background at 1 px per frame
    static String fastSquare; // the same square at 3 px per frame

    @BeforeAll
    static void videos() throws Exception {
        still = TestVideos.spec().size(160, 90).fps(10).frames(20).paint(TestVideos.texture(0)).write(dir.resolve("still.mp4")).toString();
        panning = TestVideos.spec().size(160, 90).fps(10).frames(40).paint(TestVideos.texture(1)).write(dir.resolve("pan.mp4")).toString();
        short6 = TestVideos.spec().size(160, 90).fps(10).frames(6).paint(TestVideos.texture(1)).write(dir.resolve("pan6.mp4")).toString();
        slowSquare = TestVideos.spec().size(160, 90).fps(10).frames(30).paint(TestVideos.movingSquare(30, 1))
                .write(dir.resolve("slow.mp4")).toString();
        fastSquare = TestVideos.spec().size(160, 90).fps(10).frames(30).paint(TestVideos.movingSquare(30, 3))
                .write(dir.resolve("fast.mp4")).toString();
    }

    @Test
    void aStillVideoScoresNearZero() throws Exception {
        assertThat(score(Map.of(), still)).isLessThan(0.05);
    }

    @Test
    void aPanScoresTheMeanDisplacementBetweenTheFramesDataJuicerReads() throws Exception {
        // 10 fps sampled at 2 fps: step 5, frames 0, 1, 5, 10, ..., 35: displacements 1, 4, then 5 six times
        assertThat(score(Map.of(), panning)).isCloseTo(35.0 / 8, within(0.5));
        // sampled at 10 fps: step 1, frames 0, 1, 1, 2, 3, 4, 5 (frame 1 twice): flows 1, 0, 1, 1, 1, 1
        assertThat(score(Map.of("sampling_fps", 10), short6)).isCloseTo(5.0 / 6, within(0.1));
    }

    @Test
    void aMovingSquareScoresInProportionToItsSpeedAndArea() throws Exception {
        double slow = score(Map.of("sampling_fps", 10), slowSquare);
        double fast = score(Map.of("sampling_fps", 10), fastSquare);
        // the square covers 900 of 14400 pixels: the mean flow is a fraction of its displacement
        assertThat(slow).isBetween(0.02, 0.3);
        assertThat(fast / slow).isBetween(2.0, 4.0);
    }

    @Test
    void relativeDividesByTheFrameDiagonal() throws Exception {
        double abs = score(Map.of(), panning);
        assertThat(score(Map.of("relative", true), panning)).isCloseTo(abs / Math.hypot(160, 90), within(1e-6));
    }

    @Test
    void resizingFollowsDataJuicersDimensionsIncludingTheSwappedPair() throws Exception {
        assertThat(motion(Map.of()).resizedDimensions(360, 640)).containsExactly(360, 640);
        assertThat(motion(Map.of("size", 100)).resizedDimensions(360, 640)).containsExactly(100, 177);
        assertThat(motion(Map.of("size", 100)).resizedDimensions(640, 360)).containsExactly(177, 100);
        assertThat(motion(Map.of("size", 100, "max_size", 150)).resizedDimensions(360, 640)).containsExactly(84, 150);
        assertThat(motion(Map.of("size", 100, "max_size", 150, "divisible", 8)).resizedDimensions(360, 640))
                .containsExactly(80, 144);
        assertThat(motion(Map.of("size", java.util.List.of(120, 90))).resizedDimensions(360, 640)).containsExactly(90, 120);
        // a resized pan still moves: the flow shrinks with the frame
        double small = score(Map.of("size", 45), panning);
        assertThat(small).isPositive().isLessThan(score(Map.of(), panning));
    }

    @Test
    void repeatedVideosAreScoredOnceAndEachListedVideoHasItsValue() throws Exception {
        Sample s = sample(still, panning, still);
        Filter f = filter("video_motion_score_filter", Map.of());
        f.computeStats(s, new SampleContext());
        assertThat(s.stats().get("video_motion_score")).hasSize(3);
        assertThat(s.stats().get("video_motion_score").get(0)).isEqualTo(s.stats().get("video_motion_score").get(2));
        assertThat(f.keep(s)).isTrue(); // any: the pan passes the default min_score 0.25
        Filter all = filter("video_motion_score_filter", Map.of("any_or_all", "all"));
        assertThat(all.keep(s)).isFalse();
    }

    @Test
    void aBadSizeIsRefusedWhenTheOpIsBuilt() {
        assertThatThrownBy(() -> motion(Map.of("size", java.util.List.of(1, 2, 3))))
                .hasMessageContaining("parameter 'size' of op video_motion_score_filter");
        assertThatThrownBy(() -> motion(Map.of("size", -4))).hasMessageContaining("not a positive int");
        assertThatThrownBy(() -> motion(Map.of("sampling_fps", 0))).hasMessageContaining("sampling_fps");
    }

    static VideoMotionScoreFilter motion(Map<String, Object> args) {
        return (VideoMotionScoreFilter) filter("video_motion_score_filter", args);
    }

    static double score(Map<String, Object> args, String video) throws Exception {
        Sample s = sample(video);
        VideoMotionScoreFilter f = motion(args);
        f.open();
        f.computeStats(s, new SampleContext());
        return s.stats().get("video_motion_score").get(0).asDouble();
    }
}
