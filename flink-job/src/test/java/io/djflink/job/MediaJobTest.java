package io.djflink.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.ops.Sample;
import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeLoader;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Media recipes through the Flink job: relative media paths resolve against the dataset's
 * directory and come out absolute, as Data-Juicer writes them; {@code file:} URIs are read through
 * Flink's file systems; image_deduplicator's signatures go through the keyed exact-dedup stage; a
 * bad media file sends its sample to the error output with the op, the path and the reason, and
 * the job goes on.
 */
class MediaJobTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    @TempDir
    Path tmp;

    @Test
    void mediaPathsResolveAgainstTheDatasetAndBadFilesGoToTheErrorOutput() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path imgs = Files.createDirectories(data.resolve("imgs"));
        image(imgs.resolve("big.png"), 320, 240);
        Files.copy(imgs.resolve("big.png"), imgs.resolve("big-copy.png"));
        image(imgs.resolve("small.png"), 64, 48);
        Path other = Files.createDirectories(tmp.resolve("elsewhere"));
        image(other.resolve("uri.png"), 300, 300);
        Files.writeString(imgs.resolve("notes.png"), "not a picture\n");
        Files.writeString(data.resolve("in.jsonl"), String.join("\n",
                "{\"id\":\"big\",\"text\":\"a\",\"images\":[\"imgs/big.png\"]}",
                "{\"id\":\"small\",\"text\":\"b\",\"images\":[\"imgs/small.png\"]}",
                "{\"id\":\"uri\",\"text\":\"c\",\"images\":[\"" + other.resolve("uri.png").toUri() + "\"]}",
                "{\"id\":\"missing\",\"text\":\"d\",\"images\":[\"imgs/missing.png\"]}",
                "{\"id\":\"text\",\"text\":\"e\",\"images\":[\"imgs/notes.png\"]}",
                "{\"id\":\"none\",\"text\":\"f\"}",
                "{\"id\":\"copy\",\"text\":\"g\",\"images\":[\"imgs/big-copy.png\"]}",
                "{\"id\":\"none-too\",\"text\":\"f\"}",
                ""));

        Recipe recipe = RecipeLoader.parse("media.yaml", String.join("\n",
                "project_name: media",
                "dataset_path: '" + data.resolve("in.jsonl") + "'",
                "export_path: '" + tmp.resolve("out/kept.jsonl") + "'",
                "np: 2",
                "process:",
                "  - image_shape_filter:",
                "      min_width: 100",
                "  - image_deduplicator:",
                ""));
        RecipeJob.Options opts = new RecipeJob.Options(Duration.ofSeconds(5), 1L << 20, true, false);
        RecipeJob.Result r = RecipeJob.run(RecipeJob.prepare(recipe, opts), opts, System.out);

        List<Sample> kept = TestData.samples(r.outputs().export());
        // the copy of big.png is a duplicate; samples without images never are
        assertThat(kept).extracting(s -> s.get("id").asText()).containsExactlyInAnyOrder("big", "uri", "none", "none-too");
        Sample big = kept.stream().filter(s -> s.get("id").asText().equals("big")).findFirst().orElseThrow();
        assertThat(big.get("images").get(0).asText()).isEqualTo(data + "/imgs/big.png");

        List<JsonNode> errors = new ArrayList<>();
        for (String l : TestData.lines(r.outputs().errors())) {
            errors.add(Sample.JSON.readTree(l));
        }
        assertThat(errors).allSatisfy(e -> {
            assertThat(e.get("reason").asText()).isEqualTo("op_error");
            assertThat(e.get("op").asText()).isEqualTo("image_shape_filter");
        });
        assertThat(errors).extracting(e -> e.get("sample").get("id").asText() + ": " + e.get("error").asText())
                .containsExactlyInAnyOrder(
                        "missing: io.djflink.media.MediaException: " + data + "/imgs/missing.png: no such file",
                        "text: io.djflink.media.MediaException: " + data + "/imgs/notes.png: not an image in a format"
                                + " djflink decodes (PNG, JPEG, GIF, BMP, WebP, TIFF); the file starts with"
                                + " 0x6e6f742061207069 ('not a pi')");
        assertThat(r.summary().read()).isEqualTo(8);
        assertThat(r.summary().errors()).isEqualTo(2);
        assertThat(r.summary().duplicates()).isEqualTo(1);
        assertThat(r.summary().balanced()).isTrue();
    }

    private static void image(Path file, int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x * 7 & 0xFF) << 16 | (y * 5 & 0xFF) << 8 | ((x ^ y) & 0xFF));
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }
}
