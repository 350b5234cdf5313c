package io.djflink.ops.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.media.ImageDecoder;
import io.djflink.media.TestMedia;
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
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDeduplicatorTest {

    @TempDir
    static Path dir;

    static String a;        // a scene, PNG written by the test's encoder
    static String aAgain;   // the same pixels written by ImageIO: another file, the same picture
    static String b;        // another scene

    @BeforeAll
    static void images() throws Exception {
        a = TestMedia.write(dir.resolve("a.png"), TestMedia.encode(TestMedia.scene(120, 90, 1), "png")).toString();
        aAgain = dir.resolve("a-copy.png").toString();
        ImageIO.write(TestMedia.scene(120, 90, 1), "png", Path.of(aAgain).toFile());
        b = TestMedia.write(dir.resolve("b.png"), TestMedia.encode(TestMedia.scene(120, 90, 2), "png")).toString();
    }

    @Test
    void theSignatureIsTheHashOfEachDistinctImageInOrder() throws Exception {
        String ha = ImageHash.PHASH.hash(ImageDecoder.decode(a, Files.readAllBytes(Path.of(a))));
        String hb = ImageHash.PHASH.hash(ImageDecoder.decode(b, Files.readAllBytes(Path.of(b))));

        assertThat(signature(Map.of(), "t", a)).isEqualTo(ha);
        assertThat(signature(Map.of(), "t", a, b)).isEqualTo(ha + hb);
        assertThat(signature(Map.of(), "t", b, a)).isEqualTo(hb + ha);
        // Data-Juicer hashes the images of a dict keyed by path: a repeated path counts once
        assertThat(signature(Map.of(), "t", a, a)).isEqualTo(ha);
        assertThat(signature(Map.of(), "t", aAgain)).isEqualTo(ha);
        assertThat(ha).isNotEqualTo(hb).hasSize(16);
    }

    @Test
    void everyMethodTellsTheScenesApart() throws Exception {
        for (String method : List.of("phash", "dhash", "whash", "ahash")) {
            assertThat(signature(Map.of("method", method), "t", a)).as(method)
                    .isEqualTo(signature(Map.of("method", method), "t", aAgain))
                    .isNotEqualTo(signature(Map.of("method", method), "t", b));
        }
    }

    @Test
    void samplesWithoutImagesAreNeverDuplicatesUnlessTheTextDecides() throws Exception {
        Deduplicator d = dedup(Map.of());
        assertThat(d.hash(sample("same text"), new SampleContext())).isNotEqualTo(d.hash(sample("same text"), new SampleContext()));

        Deduplicator withText = dedup(Map.of("consider_text", true));
        assertThat(withText.hash(sample("same text"), new SampleContext()))
                .isEqualTo(withText.hash(sample(" same text "), new SampleContext()))
                .isNotEqualTo(withText.hash(sample("other text"), new SampleContext()));
    }

    @Test
    void withConsiderTextBothTheImagesAndTheTextMustMatch() throws Exception {
        Map<String, Object> args = Map.of("consider_text", true);
        assertThat(signature(args, "caption", a)).isEqualTo(signature(args, "caption", aAgain))
                .isNotEqualTo(signature(args, "another caption", a))
                .isNotEqualTo(signature(args, "caption", b));
    }

    @Test
    void theRunnerKeepsTheFirstOfEachPictureAndRoutesBadFiles() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.png"), "nope");
        List<Sample> input = new ArrayList<>();
        input.add(sample("1", a));
        input.add(sample("2", b));
        input.add(sample("3", aAgain));
        input.add(sample("4", bad.toString()));
        input.add(sample("5"));
        input.add(sample("6"));
        List<OpConfig> ops = RecipeValidator.validate(RecipeLoader.parse("r.yaml", String.join("\n",
                "process:",
                "  - image_shape_filter:",
                "  - image_deduplicator:",
                "      method: dhash",
                "")), OpRegistry.get(), false);

        LocalRunner.Outcome o = new LocalRunner(Plan.of(ops, OpRegistry.get()), OpRegistry.get()).run(input);

        assertThat(o.kept()).extracting(s -> s.text("text")).containsExactly("1", "2", "5", "6");
        assertThat(o.duplicates()).extracting(d -> d.sample().text("text") + "<" + d.firstIndex()).containsExactly("3<0");
        assertThat(o.errors()).extracting(e -> e.op().name() + ": " + e.error().getMessage())
                .containsExactly("image_shape_filter: " + bad + ": not an image in a format djflink decodes (PNG, JPEG, GIF,"
                        + " BMP, WebP, TIFF); the file starts with 0x6e6f7065 ('nope')");
    }

    private static Sample sample(String text, String... images) {
        Sample s = TestMedia.sample("images", (Object[]) images);
        s.setText("text", text);
        return s;
    }

    private static Deduplicator dedup(Map<String, Object> args) {
        return (Deduplicator) new ImageDeduplicator.Factory().create(args);
    }

    private static String signature(Map<String, Object> args, String text, String... images) throws Exception {
        return dedup(args).hash(sample(text, images), new SampleContext());
    }
}
