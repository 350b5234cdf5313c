package io.djflink.ops.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.media.MediaException;
import io.djflink.media.SpecialTokens;
import io.djflink.media.TestVideos;
import io.djflink.media.VideoInfo;
import io.djflink.ops.Mapper;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoSplitMappersTest {

    static final String V = SpecialTokens.VIDEO;
    static final String EOC = SpecialTokens.EOC;

    @TempDir
    static Path dir;

    @TempDir
    Path out;

    static String clip25;   // 2.5 s at 10 fps with a mono audio track
    static String clip12;   // 1.2 s at 10 fps
    static String threeScenes; // 60 frames at 10 fps, hard cuts at frames 20 and 40
    static String hueCut;   // 40 frames, at frame 20 the hue turns, the brightness stays
    static String oneScene;

    @BeforeAll
    static void videos() throws Exception {
        clip25 = TestVideos.spec().fps(10).frames(25).audio(16000).write(dir.resolve("in/clip25.mp4")).toString();
        clip12 = TestVideos.spec().fps(10).frames(12).write(dir.resolve("in/clip12.mp4")).toString();
        threeScenes = TestVideos.spec().fps(10).frames(60).paint(TestVideos.scenes(new int[] {20, 40},
                new int[] {0xE02010, 0x104010, 0x2030E0})).write(dir.resolve("in/scenes.mp4")).toString();
        hueCut = TestVideos.spec().fps(10).frames(40).paint((i, w, h, bgr) -> {
            // (B, G, R): red then blue, the same brightest channel (value) and saturation
            byte[] px = i < 20 ? new byte[] {60, 60, (byte) 200} : new byte[] {(byte) 200, 60, 60};
            for (int k = 0; k < bgr.length; k++) {
                bgr[k] = px[k % 3];
            }
        }).write(dir.resolve("in/hue.mp4")).toString();
        oneScene = TestVideos.spec().fps(10).frames(30).paint(TestVideos.texture(1)).write(dir.resolve("in/one.mp4")).toString();
    }

    @Test
    void durationClipsIncludeBothBoundariesAndTheRest() throws Exception {
        List<Sample> res = split(Map.of("split_duration", 1, "save_dir", out.toString()), text(V + " a"), clip25);
        assertThat(res).hasSize(2);
        Sample original = res.get(0);
        Sample clips = res.get(1);
        assertThat(original.get("videos").toString()).isEqualTo("[\"" + clip25 + "\"]");
        assertThat(original.get(SpecialTokens.SOURCE_FILE).toString()).isEqualTo("[\"" + clip25 + "\"]");
        assertThat(clips.text("text")).isEqualTo(V + V + V + " a" + EOC);
        List<String> paths = strings(clips, "videos");
        assertThat(paths).hasSize(3).allSatisfy(p -> assertThat(p).startsWith(out.toString() + "/clip25__dj_hash_#"));
        assertThat(paths.get(0)).endsWith("#_0.mp4");
        assertThat(paths.get(2)).endsWith("#_2.mp4");
        assertThat(strings(clips, SpecialTokens.SOURCE_FILE)).containsExactly(clip25, clip25, clip25);
        // frames at 0.0..1.0 s, 1.0..2.0 s, 2.0..2.4 s: the frames on 1 s and 2 s are in two clips each
        assertThat(paths).extracting(p -> info(p).frames()).containsExactly(11L, 11L, 5L);
        assertThat(info(paths.get(0)).hasAudio()).isTrue();
        try (var files = java.nio.file.Files.list(out)) {
            assertThat(files.map(Path::toString).toList()).as("no temporary clip is left").containsExactlyInAnyOrderElementsOf(paths);
        }
    }

    @Test
    void aShortLastClipIsDroppedAndTheOriginalCanGo() throws Exception {
        List<Sample> res = split(Map.of("split_duration", 1, "min_last_split_duration", 0.6, "keep_original_sample", false,
                "save_dir", out.toString()), text(V + " a"), clip25);
        assertThat(res).singleElement().satisfies(s -> assertThat(strings(s, "videos")).hasSize(2));
    }

    @Test
    void eachChunkMultipliesItsVideoTokensByTheirClips() throws Exception {
        List<Sample> res = split(Map.of("split_duration", 1, "keep_original_sample", false, "save_dir", out.toString()),
                text(V + " one" + EOC + V + " two" + EOC + "  "), clip25, clip12);
        Sample s = res.get(0);
        assertThat(s.text("text")).isEqualTo(V + V + V + " one" + EOC + V + V + " two" + EOC);
        assertThat(strings(s, SpecialTokens.SOURCE_FILE)).containsExactly(clip25, clip25, clip25, clip12, clip12);
    }

    @Test
    void clipsGoNextToTheVideoByDefaultUnderStableNames() throws Exception {
        List<Sample> first = split(Map.of("split_duration", 2, "keep_original_sample", false), text(V), clip12);
        List<Sample> again = split(Map.of("split_duration", 2, "keep_original_sample", false), text(V), clip12);
        List<String> paths = strings(first.get(0), "videos");
        assertThat(paths).singleElement().satisfies(p -> assertThat(p)
                .startsWith(dir.resolve("in/__dj__produced_data__/video_split_by_duration_mapper/clip12__dj_hash_#").toString()));
        assertThat(strings(again.get(0), "videos")).isEqualTo(paths);
        assertThat(Path.of(paths.get(0))).exists();
    }

    @Test
    void aSampleWithoutVideosYieldsNoSplitSample() throws Exception {
        assertThat(split(Map.of(), text("no video"))).singleElement()
                .satisfies(s -> assertThat(s.get(SpecialTokens.SOURCE_FILE).toString()).isEqualTo("[]"));
        assertThat(split(Map.of("keep_original_sample", false), text("no video"))).isEmpty();
    }

    @Test
    void aMissingVideoFailsTheSampleNamingIt() {
        String missing = dir.resolve("in/gone.mp4").toString();
        assertThatThrownBy(() -> split(Map.of("save_dir", out.toString()), text(V), missing))
                .isInstanceOf(MediaException.class).hasMessage(missing + ": no such file");
    }

    @Test
    void scenesBecomeClipsAndTokensMultiply() throws Exception {
        Sample s = text(V + " three " + V + " one" + EOC);
        s.root().putArray("videos").add(threeScenes).add(oneScene);
        mapper(Map.of("save_dir", out.toString())).map(s, new SampleContext());
        assertThat(s.text("text")).isEqualTo(V + V + V + " three " + V + " one" + EOC);
        List<String> videos = strings(s, "videos");
        assertThat(videos).hasSize(4);
        assertThat(videos.get(0)).startsWith(out + "/scenes__dj_hash_#").endsWith("#_001.mp4");
        assertThat(videos.get(2)).endsWith("#_003.mp4");
        assertThat(videos.get(3)).isEqualTo(oneScene);
        assertThat(strings(s, SpecialTokens.SOURCE_FILE)).containsExactly(threeScenes, threeScenes, threeScenes, oneScene);
        assertThat(videos.subList(0, 3)).extracting(p -> info(p).frames()).containsExactly(20L, 20L, 20L);
    }

    @Test
    void minSceneLenMergesCutsAsTheFlashFilterDoes() throws Exception {
        // cuts 20 frames apart: a minimum of 25 keeps the first cut off (too close to the start) and the second too
        assertThat(scenes(Map.of("min_scene_len", 25), threeScenes)).isEqualTo(1);
        assertThat(scenes(Map.of("min_scene_len", 20), threeScenes)).isEqualTo(3);
        assertThat(scenes(Map.of("threshold", 255), threeScenes)).isEqualTo(1);
    }

    @Test
    void aHueChangeIsACutUnlessOnlyLumaCounts() throws Exception {
        assertThat(scenes(Map.of(), hueCut)).isEqualTo(2);
        assertThat(scenes(Map.of("luma_only", true), hueCut)).isEqualTo(1);
        assertThat(scenes(Map.of("weights", List.of(0, 0, 1, 0)), hueCut)).isEqualTo(1);
    }

    @Test
    void unimplementedDetectorsAreRefusedWhenTheOpIsBuilt() {
        assertThatThrownBy(() -> mapper(Map.of("detector", "AdaptiveDetector")))
                .hasMessageContaining("djflink implements ContentDetector only");
        assertThatThrownBy(() -> mapper(Map.of("kernel_size", 4))).hasMessageContaining("odd integer >= 3");
        assertThatThrownBy(() -> mapper(Map.of("weights", List.of(1, 1, 1, 1)))).hasMessageContaining("edge");
    }

    @Test
    void detectionMatchesTheFlashFilterStepByStep() {
        ContentDetector.FlashFilter f = new ContentDetector.FlashFilter(3);
        List<Long> cuts = new ArrayList<>();
        List<Integer> above = List.of(3, 4, 5, 6, 7, 14, 15);
        for (int i = 0; i < 20; i++) {
            Long c = f.filter(i, above.contains(i));
            if (c != null) {
                cuts.add(c);
            }
        }
        // 3 is 3 frames after the start: a cut. 4 is too close: a merge starts, spans the flash 4..7 and
        // ends 3 frames after it, at 10, with the flash's last frame 7. 14 is far enough: a cut. 15 is too
        // close and its merge never spans 3 frames: no cut.
        assertThat(cuts).containsExactly(3L, 7L, 14L);
    }

    static int scenes(Map<String, Object> args, String video) throws Exception {
        Map<String, Object> a = new HashMap<>(args);
        a.putIfAbsent("min_scene_len", 15);
        Sample s = text(V);
        s.root().putArray("videos").add(video);
        VideoSplitBySceneMapper m = mapper(a);
        m.open();
        m.map(s, new SampleContext());
        return s.text("text").split(java.util.regex.Pattern.quote(V), -1).length - 1;
    }

    static VideoSplitBySceneMapper mapper(Map<String, Object> args) {
        Map<String, Object> a = new HashMap<>(args);
        return (VideoSplitBySceneMapper) OpRegistry.get().factory("video_split_by_scene_mapper").create(a);
    }

    static List<Sample> split(Map<String, Object> args, Sample sample, String... videos) throws Exception {
        var a = sample.root().putArray("videos");
        Arrays.stream(videos).forEach(a::add);
        try (VideoSplitByDurationMapper m = (VideoSplitByDurationMapper) OpRegistry.get()
                .factory("video_split_by_duration_mapper").create(args)) {
            return m.split(sample);
        }
    }

    static Sample text(String t) {
        return Sample.ofText("text", t);
    }

    static List<String> strings(Sample s, String key) {
        List<String> out = new ArrayList<>();
        s.get(key).forEach(n -> out.add(n.asText()));
        return out;
    }

    static VideoInfo info(String path) {
        try {
            return VideoInfo.probe(path, Path.of(path));
        } catch (MediaException e) {
            throw new AssertionError(e);
        }
    }
}
