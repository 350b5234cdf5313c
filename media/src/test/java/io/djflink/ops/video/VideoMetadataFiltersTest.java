package io.djflink.ops.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.djflink.media.TestVideos;
import io.djflink.ops.Filter;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** video_duration_filter, video_resolution_filter and video_aspect_ratio_filter on generated videos. */
class VideoMetadataFiltersTest {

    @TempDir
    static Path dir;

    static String landscape; // 160 x 90, 10 fps, 20 frames: 2.0 s
    static String portrait;  // 90 x 160, 10 fps, 25 frames: 2.5 s
    static String longer;    // 120 x 160, 10 fps, 35 frames: 3.5 s
    static String wide;      // 210 x 90 (21:9), 5 frames
    static String narrow;    // 90 x 210 (9:21), 5 frames

    @BeforeAll
    static void videos() throws Exception {
        landscape = TestVideos.spec().size(160, 90).fps(10).frames(20).write(dir.resolve("landscape.mp4")).toString();
        portrait = TestVideos.spec().size(90, 160).fps(10).frames(25).write(dir.resolve("portrait.mp4")).toString();
        longer = TestVideos.spec().size(120, 160).fps(10).frames(35).write(dir.resolve("longer.mp4")).toString();
        wide = TestVideos.spec().size(210, 90).fps(10).frames(5).write(dir.resolve("wide.mp4")).toString();
        narrow = TestVideos.spec().size(90, 210).fps(10).frames(5).write(dir.resolve("narrow.mp4")).toString();
    }

    @Test
    void durationIsTheDeclaredDurationRoundedHalfToEven() throws Exception {
        Sample s = sample(landscape, portrait, longer, portrait);
        filter("video_duration_filter", Map.of()).computeStats(s, new SampleContext());
        // 2.0 -> 2, 2.5 -> 2 (to even), 3.5 -> 4 (to even), one value per listed video
        assertThat(s.stats().get("video_duration").toString()).isEqualTo("[2,2,4,2]");
    }

    @Test
    void durationBoundsAreInclusiveOverTheRoundedValue() throws Exception {
        assertThat(keeps("video_duration_filter", Map.of("min_duration", 2, "max_duration", 2), portrait)).isTrue();
        assertThat(keeps("video_duration_filter", Map.of("min_duration", 3), portrait)).isFalse();
        assertThat(keeps("video_duration_filter", Map.of("min_duration", 3), portrait, longer)).isTrue();
        assertThat(keeps("video_duration_filter", Map.of("min_duration", 3, "any_or_all", "all"), portrait, longer)).isFalse();
        assertThat(keeps("video_duration_filter", Map.of("max_duration", 3.9), longer)).isFalse();
    }

    @Test
    void resolutionIsTheCodedSizePerVideo() throws Exception {
        Sample s = sample(landscape, portrait);
        filter("video_resolution_filter", Map.of()).computeStats(s, new SampleContext());
        assertThat(s.stats().get("video_width").toString()).isEqualTo("[160,90]");
        assertThat(s.stats().get("video_height").toString()).isEqualTo("[90,160]");

        Map<String, Object> landscapeOnly = Map.of("min_width", 100, "max_height", 100);
        assertThat(keeps("video_resolution_filter", landscapeOnly, landscape)).isTrue();
        assertThat(keeps("video_resolution_filter", landscapeOnly, portrait)).isFalse();
        assertThat(keeps("video_resolution_filter", landscapeOnly, portrait, landscape)).isTrue();
        assertThat(keeps("video_resolution_filter", Map.of("min_width", 100, "max_height", 100, "any_or_all", "all"),
                portrait, landscape)).isFalse();
    }

    @Test
    void aspectRatioIsWidthOverHeightAndBoundsAreFractions() throws Exception {
        Sample s = sample(landscape, longer);
        filter("video_aspect_ratio_filter", Map.of()).computeStats(s, new SampleContext());
        assertThat(s.stats().get("video_aspect_ratios").toString()).isEqualTo("[1.7777777777777777,0.75]");

        assertThat(keeps("video_aspect_ratio_filter", Map.of("min_ratio", "3/4", "max_ratio", "16/9"), longer)).isTrue();
        assertThat(keeps("video_aspect_ratio_filter", Map.of("min_ratio", "3:4", "max_ratio", "16:9"), landscape)).isTrue();
        assertThat(keeps("video_aspect_ratio_filter", Map.of("min_ratio", "0.76"), longer)).isFalse();
        assertThat(keeps("video_aspect_ratio_filter", Map.of("min_ratio", "3/4", "min_closed_interval", false), longer))
                .isFalse();
    }

    @Test
    void aRatioOnTheDefaultBoundsIsComparedExactlyAsPythonComparesAFloatWithAFraction() throws Exception {
        // 210/90 as a double lies above 21/9 and 90/210 below 9/21: Data-Juicer drops both.
        assertThat(keeps("video_aspect_ratio_filter", Map.of(), wide)).isFalse();
        assertThat(keeps("video_aspect_ratio_filter", Map.of(), narrow)).isFalse();
        assertThat(keeps("video_aspect_ratio_filter", Map.of(), landscape)).isTrue();
        // outside the closed range is inside the reversed one
        assertThat(keeps("video_aspect_ratio_filter", Map.of("reversed_range", true), wide)).isTrue();
        assertThat(keeps("video_aspect_ratio_filter", Map.of("reversed_range", true), landscape)).isFalse();
    }

    @Test
    void aBadRatioIsRefusedWhenTheOpIsBuilt() {
        assertThatThrownBy(() -> filter("video_aspect_ratio_filter", Map.of("min_ratio", "wide")))
                .hasMessageContaining("parameter 'min_ratio' of op video_aspect_ratio_filter")
                .hasMessageContaining("not a ratio");
        assertThatThrownBy(() -> filter("video_aspect_ratio_filter", Map.of("max_ratio", "1/0")))
                .hasMessageContaining("divides by zero");
    }

    @Test
    void aSampleWithoutVideosIsKeptWithEmptyStats() throws Exception {
        for (String op : new String[] {"video_duration_filter", "video_resolution_filter", "video_aspect_ratio_filter"}) {
            for (String json : new String[] {"{\"text\":\"t\"}", "{\"videos\":[]}", "{\"videos\":null}"}) {
                Sample s = Sample.parse(json);
                Filter f = filter(op, Map.of());
                f.computeStats(s, new SampleContext());
                assertThat(s.stats().size()).isPositive();
                s.stats().forEach(v -> assertThat(v.toString()).isEqualTo("[]"));
                assertThat(f.keep(s)).isTrue();
            }
        }
    }

    @Test
    void theFusedFiltersProbeEachVideoOncePerSample() throws Exception {
        SampleContext ctx = new SampleContext();
        Sample s = sample(landscape);
        filter("video_duration_filter", Map.of()).computeStats(s, ctx);
        filter("video_resolution_filter", Map.of()).computeStats(s, ctx);
        filter("video_aspect_ratio_filter", Map.of()).computeStats(s, ctx);
        assertThat(ctx.values().toString()).containsOnlyOnce("video-info");
    }

    static Sample sample(String... videos) {
        Sample s = Sample.parse("{\"text\":\"t\"}");
        ArrayNode a = s.root().putArray("videos");
        for (String v : videos) {
            a.add(v);
        }
        return s;
    }

    static Filter filter(String op, Map<String, Object> args) {
        return (Filter) OpRegistry.get().factory(op).create(args);
    }

    static boolean keeps(String op, Map<String, Object> args, String... videos) throws Exception {
        Filter f = filter(op, args);
        Sample s = sample(videos);
        f.computeStats(s, new SampleContext());
        return f.keep(s);
    }
}
