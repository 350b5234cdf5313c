package io.djflink.ops.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.media.TestVideos;
import io.djflink.ops.Deduplicator;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import io.djflink.recipe.OpConfig;
import io.djflink.recipe.RecipeLoader;
import io.djflink.recipe.RecipeValidator;
import io.djflink.run.LocalRunner;
import io.djflink.run.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoDeduplicatorTest {

    @TempDir
    static Path dir;

    static String a;
    static String aCopy;   // a's bytes under another name
    static String aMkv;    // a's stream remuxed into Matroska: other container bytes, the same packets
    static String b;

    @BeforeAll
    static void videos() throws Exception {
        a = TestVideos.spec().frames(10).paint(TestVideos.texture(1, 1)).write(dir.resolve("a.mp4")).toString();
        aCopy = Files.copy(Path.of(a), dir.resolve("a-copy.mp4")).toString();
        aMkv = TestVideos.spec().frames(10).paint(TestVideos.texture(1, 1)).format("matroska")
                .write(dir.resolve("a.mkv")).toString();
        b = TestVideos.spec().frames(10).paint(TestVideos.texture(1, 2)).write(dir.resolve("b.mp4")).toString();
    }

    @Test
    void theSignatureIsTheVideoStreamsPacketsNotTheFileBytes() throws Exception {
        assertThat(Files.mismatch(Path.of(a), Path.of(aMkv))).isNotEqualTo(-1L);
        assertThat(hash(Map.of(), a)).isEqualTo(hash(Map.of(), aCopy)).isEqualTo(hash(Map.of(), aMkv))
                .isNotEqualTo(hash(Map.of(), b)).hasSize(32);
    }

    @Test
    void eachDistinctVideoCountsOnceInListOrder() throws Exception {
        assertThat(hash(Map.of(), a, a)).isEqualTo(hash(Map.of(), a));
        assertThat(hash(Map.of(), a, b)).isNotEqualTo(hash(Map.of(), b, a));
        assertThat(hash(Map.of(), aCopy, b)).isEqualTo(hash(Map.of(), a, b));
    }

    @Test
    void samplesWithoutVideosAreNeverDuplicatesUnlessTextCounts() throws Exception {
        assertThat(hash(Map.of())).isNotEqualTo(hash(Map.of()));
        assertThat(hash(Map.of("consider_text", true))).isEqualTo(hash(Map.of("consider_text", true)));
    }

    /** Data-Juicer's test_3_consider_text and test_no_video on the in-process runner. */
    @Test
    void theFirstOfEachSignatureSurvives() throws Exception {
        List<Sample> in = new ArrayList<>();
        in.add(sample("<video> text1", a));
        in.add(sample("<video> text2", b));
        in.add(sample("<video> text1", aCopy)); // same video, same text
        in.add(sample("<video> text5", aMkv));  // same video, other text
        in.add(sample("<video> text1"));
        in.add(sample("<video> text1"));
        assertThat(survivors(false, in)).containsExactly(0, 1, 4, 5);
        assertThat(survivors(true, in)).containsExactly(0, 1, 3, 4);
    }

    private static List<Integer> survivors(boolean considerText, List<Sample> in) throws Exception {
        List<Sample> input = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            Sample s = in.get(i).copy();
            s.root().put("i", i);
            input.add(s);
        }
        List<OpConfig> ops = RecipeValidator.validate(RecipeLoader.parse("r.yaml", String.join("\n",
                "process:",
                "  - video_deduplicator:",
                "      consider_text: " + considerText,
                "")), OpRegistry.get(), false);
        LocalRunner.Outcome o = new LocalRunner(Plan.of(ops, OpRegistry.get()), OpRegistry.get()).run(input);
        return o.kept().stream().map(s -> s.get("i").asInt()).toList();
    }

    static Sample sample(String text, String... videos) {
        Sample s = VideoMetadataFiltersTest.sample(videos);
        s.setText("text", text);
        return s;
    }

    private static String hash(Map<String, Object> args, String... videos) throws Exception {
        Deduplicator d = (Deduplicator) OpRegistry.get().factory("video_deduplicator").create(args);
        return d.hash(sample("<video> same text", videos), new SampleContext());
    }
}
