package io.djflink.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.media.bench.SyntheticVideos;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.recipe.OpConfig;
import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeLoader;
import io.djflink.run.LocalRunner;
import io.djflink.run.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * recipes/general-video-refine.yaml, and a chain of the split, dedup and metadata video ops, through the MiniCluster
 * at parallelism 2 on video-text samples with videos this test writes.
 */
class GeneralVideoRefineRecipeTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    static final String V = "<__dj__video>";
    static final String EN = "A man is riding a bicycle along a busy street in the evening while people walk past the shops.";
    static final String ZH = "一个男人傍晚骑着自行车沿着繁忙的街道前行，行人从商店旁走过。";

    @TempDir
    Path tmp;

    @Test
    void theRecipeKeepsMovingVideosWithEnglishCaptionsAsTheInProcessRunDoes() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        video(data.resolve("vids/moving.mp4"), 160, 90, 30, 1.0);
        video(data.resolve("vids/still.mp4"), 160, 90, 30, 0);
        Files.writeString(data.resolve("in.jsonl"), String.join("\n",
                line("moving-en", V + " " + EN, "vids/moving.mp4"),
                line("still-en", V + " " + EN, "vids/still.mp4"),
                line("moving-zh", V + " " + ZH, "vids/moving.mp4"),
                line("missing-en", V + " " + EN, "vids/missing.mp4"),
                line("none-en", EN),
                line("two-en", V + V + " " + EN, "vids/still.mp4", "vids/moving.mp4"),
                ""));
        Recipe recipe = RecipeLoader.load(TestData.repo("recipes/general-video-refine.yaml"))
                .with("dataset_path", data.resolve("in.jsonl").toString())
                .with("export_path", tmp.resolve("out/refined.jsonl").toString());
        RecipeJob.Options opts = new RecipeJob.Options(Duration.ofSeconds(5), 1L << 20, true, false);
        JobSpec spec = RecipeJob.prepare(recipe, opts);
        assertThat(spec.ops()).extracting(OpConfig::name).containsExactly("language_id_score_filter", "video_motion_score_filter");

        RecipeJob.Result r = RecipeJob.run(spec, opts, System.out);

        Set<String> got = ids(TestData.samples(r.outputs().export()));
        assertThat(got).containsExactlyInAnyOrder("moving-en", "none-en", "two-en");
        List<Sample> input = new ArrayList<>();
        for (Sample s : TestData.samples(data.resolve("in.jsonl"))) {
            // the job reads relative media paths against the dataset's directory
            if (s.get("videos") != null) {
                var abs = Sample.JSON.createArrayNode();
                s.get("videos").forEach(v -> abs.add(data + "/" + v.asText()));
                s.set("videos", abs);
            }
            input.add(s);
        }
        LocalRunner.Outcome reference = new LocalRunner(Plan.of(spec.ops(), OpRegistry.get()), OpRegistry.get()).run(input);
        assertThat(got).isEqualTo(ids(reference.kept()));
        assertThat(r.summary().read()).isEqualTo(6);
        assertThat(r.summary().filtered()).isEqualTo(2);
        assertThat(r.summary().errors()).isEqualTo(1);
        assertThat(r.summary().balanced()).isTrue();
        JsonNode error = Sample.JSON.readTree(TestData.lines(r.outputs().errors()).get(0));
        assertThat(error.get("op").asText()).isEqualTo("video_motion_score_filter");
        assertThat(error.get("error").asText()).endsWith(data + "/vids/missing.mp4: no such file");
    }

    /**
     * A split (async stage, one sample in, one out), then the video deduplicator (keyed stage) on
     * the clips: two samples of the same video give the same clips, so the second is a duplicate.
     */
    @Test
    void splitClipsFlowIntoTheKeyedVideoDedup() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        video(data.resolve("a.mp4"), 160, 90, 25, 1.0);
        video(data.resolve("b.mp4"), 96, 64, 20, 0.5);
        video(data.resolve("short.mp4"), 160, 90, 4, 1.0);
        Files.writeString(data.resolve("in.jsonl"), String.join("\n",
                line("a", V + " first", "a.mp4"),
                line("a-again", V + " second", "a.mp4"),
                line("b", V + " third", "b.mp4"),
                line("short", V + " fourth", "short.mp4"),
                ""));
        Path clips = tmp.resolve("clips");
        Recipe recipe = RecipeLoader.parse("videos.yaml", String.join("\n",
                "dataset_path: '" + data.resolve("in.jsonl") + "'",
                "export_path: '" + tmp.resolve("out/kept.jsonl") + "'",
                "np: 2",
                "process:",
                "  - video_duration_filter:",
                "      min_duration: 1",
                "  - video_split_by_duration_mapper:",
                "      split_duration: 1",
                "      keep_original_sample: false",
                "      save_dir: '" + clips + "'",
                "  - video_deduplicator:",
                "  - video_resolution_filter:",
                "      min_width: 100",
                ""));
        RecipeJob.Options opts = new RecipeJob.Options(Duration.ofSeconds(5), 1L << 20, true, false);
        RecipeJob.Result r = RecipeJob.run(RecipeJob.prepare(recipe, opts), opts, System.out);

        List<Sample> kept = TestData.samples(r.outputs().export());
        assertThat(kept).singleElement().satisfies(s -> {
            assertThat(s.text("text")).isEqualTo(V.repeat(3) + " first<|__dj__eoc|>");
            assertThat(s.get("videos")).hasSize(3).allSatisfy(v -> assertThat(Path.of(v.asText())).exists().startsWith(clips));
            assertThat(s.get("__dj__source_file__").get(0).asText()).isEqualTo(data + "/a.mp4");
        });
        assertThat(r.summary().read()).isEqualTo(4);
        assertThat(r.summary().duplicates()).isEqualTo(1);  // a-again's clips are a's
        assertThat(r.summary().filtered()).isEqualTo(2);    // short.mp4 rounds to 0 s; b's clips are 96 wide
        assertThat(r.summary().balanced()).isTrue();
    }

    private static String line(String id, String text, String... videos) {
        var s = Sample.JSON.createObjectNode();
        s.put("id", id);
        s.put("text", text);
        if (videos.length > 0) {
            var a = s.putArray("videos");
            for (String v : videos) {
                a.add(v);
            }
        }
        return s.toString();
    }

    /** A textured scene panning right by {@code speed} pixels a frame, at 10 fps. */
    static void video(Path file, int w, int h, int frames, double speed) throws Exception {
        SyntheticVideos.write(file, w, h, frames, 10, 12, speed);
    }

    private static Set<String> ids(List<Sample> samples) {
        Set<String> out = new TreeSet<>();
        for (Sample s : samples) {
            out.add(s.get("id").asText());
        }
        return out;
    }
}
