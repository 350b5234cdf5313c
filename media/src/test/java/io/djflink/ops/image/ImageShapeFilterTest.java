package io.djflink.ops.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.media.MediaException;
import io.djflink.media.TestMedia;
import io.djflink.ops.Filter;
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

class ImageShapeFilterTest {

    @TempDir
    static Path dir;

    static String wide;   // 420 x 300
    static String small;  // 120 x 90
    static String tall;   // 300 x 450

    @BeforeAll
    static void images() throws Exception {
        wide = TestMedia.png(dir.resolve("wide.png"), 420, 300).toString();
        small = TestMedia.jpeg(dir.resolve("small.jpg"), 120, 90).toString();
        tall = TestMedia.png(dir.resolve("tall.png"), 300, 450).toString();
    }

    @Test
    void statsListEachImagesWidthAndHeightInOrder() throws Exception {
        Sample s = sample(wide, small, wide);
        filter(Map.of()).computeStats(s, new SampleContext());

        assertThat(s.stats().get("image_width").toString()).isEqualTo("[420,120,420]");
        assertThat(s.stats().get("image_height").toString()).isEqualTo("[300,90,300]");
    }

    @Test
    void boundsAreInclusiveAndAnyOrAllReducesOverTheImages() throws Exception {
        Map<String, Object> atLeast300 = Map.of("min_width", 300, "min_height", 300);
        assertThat(keeps(atLeast300, tall)).isTrue();
        assertThat(keeps(atLeast300, wide)).isTrue(); // height exactly 300
        assertThat(keeps(atLeast300, small)).isFalse();
        assertThat(keeps(atLeast300, small, tall)).isTrue();
        assertThat(keeps(Map.of("min_width", 300, "min_height", 300, "any_or_all", "all"), small, tall)).isFalse();
        assertThat(keeps(Map.of("min_width", 300, "min_height", 300, "any_or_all", "all"), wide, tall)).isTrue();
        assertThat(keeps(Map.of("max_width", 419), wide)).isFalse();
    }

    @Test
    void reversedRangeKeepsTheOutsidePerDimension() throws Exception {
        // Data-Juicer applies get_keep_boolean to width and to height separately, each reversed.
        Map<String, Object> args = Map.of("min_width", 100, "max_width", 200, "min_height", 100, "max_height", 200,
                "reversed_range", true);
        assertThat(keeps(args, wide)).isTrue();   // 420 and 300 both outside
        assertThat(keeps(args, small)).isFalse(); // 120 inside
    }

    @Test
    void aSampleWithoutImagesIsKeptWithEmptyStats() throws Exception {
        for (String json : List.of("{\"text\":\"no images\"}", "{\"images\":[]}", "{\"images\":null}")) {
            Sample s = Sample.parse(json);
            Filter f = filter(Map.of("min_width", 10_000));
            f.computeStats(s, new SampleContext());
            assertThat(s.stats().get("image_width").toString()).isEqualTo("[]");
            assertThat(f.keep(s)).isTrue();
        }
    }

    @Test
    void statsAlreadyPresentAreNotRecomputed() throws Exception {
        Sample s = Sample.parse("{\"images\":[\"/nowhere/x.png\"],\"__dj__stats__\":{\"image_width\":[50],\"image_height\":[60]}}");
        Filter f = filter(Map.of("max_width", 55));
        f.computeStats(s, new SampleContext());
        assertThat(f.keep(s)).isTrue();
    }

    @Test
    void theImageKeyIsConfigurable() throws Exception {
        Sample s = Sample.parse("{\"pics\":[\"" + small + "\"]}");
        filter(Map.of("image_key", "pics")).computeStats(s, new SampleContext());
        assertThat(s.stats().get("image_width").toString()).isEqualTo("[120]");
    }

    @Test
    void aMissingFileFailsNamingThePath() {
        String missing = dir.resolve("gone.png").toString();
        assertThatThrownBy(() -> filter(Map.of()).computeStats(sample(missing), new SampleContext()))
                .isInstanceOf(MediaException.class).hasMessage(missing + ": no such file");
    }

    @Test
    void aFileOverMaxMediaBytesIsRefusedBeforeItIsRead() {
        assertThatThrownBy(() -> filter(Map.of("max_media_bytes", "1KB")).computeStats(sample(wide), new SampleContext()))
                .isInstanceOf(MediaException.class)
                .hasMessageStartingWith(wide + ": the file has ")
                .hasMessageContaining("more than max_media_bytes (1024)");
    }

    @Test
    void aBadMaxMediaBytesIsRefusedWhenTheOpIsBuilt() {
        assertThatThrownBy(() -> filter(Map.of("max_media_bytes", "lots")))
                .hasMessageContaining("parameter 'max_media_bytes' of op image_shape_filter is 'lots'");
        assertThatThrownBy(() -> filter(Map.of("any_or_all", "most")))
                .hasMessageContaining("valid choices: any, all");
    }

    /**
     * Every kind of bad file fails its own sample with the op, the path and the reason, and the
     * run goes on: the good samples are kept and the counts balance.
     */
    @Test
    void badMediaGoToTheErrorOutputAndTheRunGoesOn() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.png"), "just some notes\n");
        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
        Path cut = TestMedia.truncated(Path.of(tall), dir.resolve("cut.png"), (int) Files.size(Path.of(tall)) / 2);
        Path bomb = TestMedia.write(dir.resolve("bomb.png"), TestMedia.pngDeclaring(100_000, 100_000));
        String missing = dir.resolve("missing.png").toString();
        List<Sample> input = new ArrayList<>();
        for (String p : List.of(wide, missing, text.toString(), small, empty.toString(), cut.toString(), bomb.toString(), tall)) {
            input.add(sample(p));
        }

        List<OpConfig> ops = RecipeValidator.validate(RecipeLoader.parse("r.yaml", String.join("\n",
                "process:",
                "  - image_shape_filter:",
                "      min_width: 200",
                "")), OpRegistry.get(), false);
        LocalRunner.Outcome o = new LocalRunner(Plan.of(ops, OpRegistry.get()), OpRegistry.get()).run(input);

        assertThat(o.kept()).extracting(s -> s.get("images").get(0).asText()).containsExactly(wide, tall);
        assertThat(o.filtered()).extracting(f -> f.sample().get("images").get(0).asText()).containsExactly(small);
        assertThat(o.errors()).allSatisfy(e -> assertThat(e.op().name()).isEqualTo("image_shape_filter"));
        assertThat(o.errors()).extracting(e -> e.error().getMessage()).containsExactly(
                missing + ": no such file",
                text + ": not an image in a format djflink decodes (PNG, JPEG, GIF, BMP, WebP, TIFF); the file starts with"
                        + " 0x6a75737420736f6d ('just som')",
                empty + ": the file is empty (0 bytes)",
                cut + ": the PNG image cannot be decoded (truncated or corrupt data)",
                bomb + ": the image header declares 100000x100000 = 10000000000 pixels, more than 178956970"
                        + " (Pillow's decompression-bomb limit, which Data-Juicer's image loader enforces too)");
        assertThat(o.read()).isEqualTo(input.size());
        assertThat(o.stats().values()).singleElement().satisfies(st ->
                assertThat(st.kept + st.filtered + st.errors).isEqualTo(st.in));
    }

    private static Sample sample(String... images) {
        return TestMedia.sample("images", (Object[]) images);
    }

    private static Filter filter(Map<String, Object> args) {
        return (Filter) new ImageShapeFilter.Factory().create(args);
    }

    private static boolean keeps(Map<String, Object> args, String... images) throws Exception {
        Filter f = filter(args);
        Sample s = sample(images);
        f.computeStats(s, new SampleContext());
        return f.keep(s);
    }
}
