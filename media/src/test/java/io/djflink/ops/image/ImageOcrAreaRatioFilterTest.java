package io.djflink.ops.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.media.MediaException;
import io.djflink.ops.Filter;
import io.djflink.ops.ParamException;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real PP-OCRv4 detector on generated images whose text area is known. */
class ImageOcrAreaRatioFilterTest {

    @TempDir
    static Path dir;

    static String line;      // one line of text, ink box ratio in lineInk
    static double lineInk;
    static String poster;    // large text over most of the image
    static double posterInk;
    static String blank;
    static ImageOcrAreaRatioFilter shared;

    @BeforeAll
    static void images() throws Exception {
        lineInk = write("line.png", 640, 200, "Stream once", 60, 120, 48);
        posterInk = write("poster.jpg", 400, 300, "SALE", 30, 220, 150);
        blank = dir.resolve("blank.png").toString();
        BufferedImage white = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = white.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 300, 200);
        g.dispose();
        ImageIO.write(white, "png", dir.resolve("blank.png").toFile());
        line = dir.resolve("line.png").toString();
        poster = dir.resolve("poster.jpg").toString();
        shared = filter(Map.of());
        shared.open();
    }

    @AfterAll
    static void close() {
        shared.close();
    }

    @Test
    void theRatioIsTheShareOfTheImageTheTextBoxesCover() throws Exception {
        Sample s = sample(line, blank, poster);
        shared.computeStats(s, new SampleContext());

        double[] r = ratios(s);
        System.out.printf("text-area ratios %s; ink boxes %.4f, 0, %.4f%n", s.stats().get("image_ocr_area_ratio"), lineInk, posterInk);
        assertThat(r[0]).isBetween(lineInk * 0.7, lineInk * 2.0);
        assertThat(r[1]).isZero();
        assertThat(r[2]).isBetween(posterInk * 0.7, Math.min(1.0, posterInk * 2.0));
    }

    @Test
    void theAsyncPathWritesTheSameStatsWithoutTheTaskThreadDecoding() throws Exception {
        Sample inline = sample(line, poster);
        shared.computeStats(inline, new SampleContext());
        Sample async = sample(line, poster);
        List<Sample> out = shared.applyAsync(async).get();

        assertThat(out).containsExactly(async);
        assertThat(async.stats().get("image_ocr_area_ratio")).isEqualTo(inline.stats().get("image_ocr_area_ratio"));
    }

    @Test
    void boundsAreInclusiveAndAnyOrAllReduces() throws Exception {
        assertThat(keeps(Map.of("min_area_ratio", 0.01), line)).isTrue();
        assertThat(keeps(Map.of("min_area_ratio", 0.01), blank)).isFalse();
        assertThat(keeps(Map.of("max_area_ratio", 0.0), blank)).as("0 <= 0, inclusive").isTrue();
        assertThat(keeps(Map.of("min_area_ratio", 0.01), blank, line)).isTrue();
        assertThat(keeps(Map.of("min_area_ratio", 0.01, "any_or_all", "all"), blank, line)).isFalse();
        assertThat(keeps(Map.of("min_area_ratio", 0.01), new String[0])).as("no images: kept").isTrue();
    }

    @Test
    void aBadImageFailsTheSampleNamingThePath() {
        String missing = dir.resolve("missing.png").toString();
        assertThatThrownBy(() -> shared.computeStats(sample(missing), new SampleContext()))
                .isInstanceOf(MediaException.class).hasMessageContaining(missing);
        assertThatThrownBy(() -> shared.applyAsync(sample(line, missing)).get())
                .isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(MediaException.class).hasMessageContaining(missing);
    }

    @Test
    void aModelThatIsNotThereIsRefusedWhenTheOpIsBuilt() {
        assertThatThrownBy(() -> filter(Map.of("model_path", dir.resolve("nope.onnx").toString())))
                .isInstanceOf(ParamException.class).hasMessageContaining("nope.onnx").hasMessageContaining("never downloads");
        assertThatThrownBy(() -> filter(Map.of("accelerator", "tpu")))
                .isInstanceOf(ParamException.class).hasMessageContaining("[cpu, cuda]");
    }

    private static boolean keeps(Map<String, Object> args, String... images) throws Exception {
        Filter f = filter(args);
        Sample s = sample(images);
        // the stats of the shared instance, so only one session is opened for the test class
        shared.computeStats(s, new SampleContext());
        return f.keep(s);
    }

    private static double[] ratios(Sample s) {
        var list = s.stats().get("image_ocr_area_ratio");
        double[] r = new double[list.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = list.get(i).asDouble();
        }
        return r;
    }

    /** Black bold text on white; returns the share of the image its ink box covers. */
    private static double write(String name, int w, int h, String text, int x, int y, int size) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, size);
        g.setFont(font);
        g.drawString(text, x, y);
        FontRenderContext frc = g.getFontRenderContext();
        Rectangle ink = font.createGlyphVector(frc, text).getPixelBounds(frc, x, y).intersection(new Rectangle(0, 0, w, h));
        g.dispose();
        ImageIO.write(img, name.endsWith(".png") ? "png" : "jpeg", dir.resolve(name).toFile());
        return (double) ink.width * ink.height / (w * h);
    }

    private static Sample sample(String... images) {
        Sample s = Sample.parse("{\"text\":\"t\"}");
        com.fasterxml.jackson.databind.node.ArrayNode a = s.root().putArray("images");
        for (String i : images) {
            a.add(i);
        }
        return s;
    }

    private static ImageOcrAreaRatioFilter filter(Map<String, Object> args) {
        return (ImageOcrAreaRatioFilter) new ImageOcrAreaRatioFilter.Factory().create(new HashMap<>(args));
    }
}
