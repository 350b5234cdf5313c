package io.djflink.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.ops.Sample;
import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeLoader;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model op end to end: the PP-OCR detector runs in the async stage of a Flink job, batched by
 * the TaskManager's inference service; text images are kept with their ratios, blank ones
 * filtered, a missing image goes to the error output and the job goes on.
 */
class OcrJobTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    @TempDir
    Path tmp;

    @Test
    void textImagesAreKeptBlankOnesFilteredAndMissingOnesRouted() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            String name = "img" + i + ".png";
            image(data.resolve(name), i % 2 == 0 ? "Caption " + i : "");
            in.append("{\"id\":\"").append(i % 2 == 0 ? "text" : "blank").append(i).append("\",\"text\":\"t\",\"images\":[\"")
                    .append(name).append("\"]}\n");
        }
        in.append("{\"id\":\"missing\",\"text\":\"t\",\"images\":[\"nope.png\"]}\n");
        Files.writeString(data.resolve("in.jsonl"), in);

        Recipe recipe = RecipeLoader.parse("ocr.yaml", String.join("\n",
                "project_name: ocr",
                "dataset_path: '" + data.resolve("in.jsonl") + "'",
                "export_path: '" + tmp.resolve("out/kept.jsonl") + "'",
                "np: 2",
                "keep_stats_in_res_ds: true",
                "process:",
                "  - text_length_filter:",
                "      min_len: 1",
                "  - image_ocr_area_ratio_filter:",
                "      min_area_ratio: 0.02",
                "      async_capacity: 4",
                "  - text_length_filter:",
                "      min_len: 1",
                ""));
        RecipeJob.Options opts = new RecipeJob.Options(Duration.ofSeconds(5), 1L << 20, true, false);
        RecipeJob.Result r = RecipeJob.run(RecipeJob.prepare(recipe, opts), opts, System.out);

        List<Sample> kept = TestData.samples(r.outputs().export());
        assertThat(kept).extracting(s -> s.get("id").asText())
                .containsExactlyInAnyOrder("text0", "text2", "text4", "text6", "text8", "text10");
        assertThat(kept).allSatisfy(s -> assertThat(s.stats().get("image_ocr_area_ratio").get(0).asDouble()).isBetween(0.02, 0.5));
        List<String> errors = TestData.lines(r.outputs().errors());
        assertThat(errors).singleElement().satisfies(l -> {
            JsonNode e = Sample.JSON.readTree(l);
            assertThat(e.get("op").asText()).isEqualTo("image_ocr_area_ratio_filter");
            assertThat(e.get("error").asText()).contains(data.resolve("nope.png").toString()).contains("no such file");
        });
        assertThat(r.summary().read()).isEqualTo(13);
        assertThat(r.summary().balanced()).isTrue();
    }

    private static void image(Path file, String caption) throws Exception {
        BufferedImage img = new BufferedImage(320, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 320, 160);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 36));
        g.drawString(caption, 20, 90);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }
}
