package io.djflink.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Rectangle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real PP-OCRv4 detector through the service: text pixels light up, background stays dark. */
class TextDetectionTest {
    private static InferenceService service;
    private static ModelHandle det;

    @BeforeAll
    static void load() throws Exception {
        service = new InferenceService();
        det = service.open(ModelOptions.of(TextImages.detModel()).withThreads(2, 1));
    }

    @AfterAll
    static void unload() {
        det.close();
        service.close();
    }

    @Test
    void probabilityMapIsHighOverTheTextAndLowElsewhere() throws Exception {
        TextImages.Rendered r = TextImages.render(320, 96, "HELLO 2026", 40, 62, 40);
        FloatTensor map = det.submit(TextImages.normalize(r.image()), 3, 96, 320).get();

        assertThat(map.shape()).containsExactly(1, 96, 320);
        Rectangle box = r.textBox();
        Rectangle margin = new Rectangle(box.x - 8, box.y - 8, box.width + 16, box.height + 16);
        int inside = 0, insideHigh = 0, outside = 0, outsideHigh = 0;
        int highLeft = Integer.MAX_VALUE, highRight = -1;
        double insideSum = 0;
        float outsideMax = 0;
        for (int y = 0; y < 96; y++) {
            for (int x = 0; x < 320; x++) {
                float p = map.get(0, y, x);
                if (box.contains(x, y)) {
                    inside++;
                    insideSum += p;
                    if (p > 0.3f) {
                        insideHigh++;
                        highLeft = Math.min(highLeft, x);
                        highRight = Math.max(highRight, x);
                    }
                } else if (!margin.contains(x, y)) {
                    outside++;
                    outsideMax = Math.max(outsideMax, p);
                    if (p > 0.3f) {
                        outsideHigh++;
                    }
                }
            }
        }
        System.out.printf("text box %s: mean p %.3f, %d/%d > 0.3 spanning x %d..%d; outside max p %.4f, %d/%d > 0.3%n",
                box, insideSum / inside, insideHigh, inside, highLeft, highRight, outsideMax, outsideHigh, outside);
        // the detector marks a shrunk text kernel (DB), so a fair share of the ink box, not all of it
        assertThat(insideHigh).as("text-box pixels with p > 0.3").isGreaterThan(inside / 4);
        assertThat(highRight - highLeft).as("width of the detected line").isGreaterThan(box.width * 8 / 10);
        assertThat(outsideHigh).as("background pixels with p > 0.3").isZero();
        assertThat(outsideMax).as("highest background p").isLessThan(0.05f);
    }

    @Test
    void postProcessingBoxesTheRenderedLine() throws Exception {
        TextImages.Rendered r = TextImages.render(640, 200, "Stream once", 60, 120, 48);
        int[] size = PpOcrDet.inputSize(640, 200);
        FloatTensor map = det.submit(PpOcrDet.normalize(PpOcrDet.resize(r.image())), 3, size[1], size[0]).get();
        java.util.List<PpOcrDet.TextBox> boxes = PpOcrDet.boxes(map, 640, 200);

        Rectangle ink = r.textBox();
        double inkRatio = (double) ink.width * ink.height / (640 * 200);
        double ratio = PpOcrDet.areaRatio(boxes, 640, 200);
        System.out.printf("boxes %s, text-area ratio %.4f, ink box ratio %.4f%n", boxes, ratio, inkRatio);
        assertThat(boxes).isNotEmpty();
        for (PpOcrDet.TextBox b : boxes) {
            double cx = java.util.Arrays.stream(b.xs()).average().orElseThrow();
            double cy = java.util.Arrays.stream(b.ys()).average().orElseThrow();
            assertThat(ink.contains(cx, cy)).as("box centre %s,%s inside the ink box %s", cx, cy, ink).isTrue();
        }
        // DB boxes hug the text line, a little larger than the glyphs' ink after the unclip
        assertThat(ratio).isBetween(inkRatio * 0.7, inkRatio * 2.0);
    }

    @Test
    void aBlankCanvasHasNoText() throws Exception {
        TextImages.Rendered r = TextImages.render(320, 96, "", 0, 0, 40);
        FloatTensor map = det.submit(TextImages.normalize(r.image()), 3, 96, 320).get();
        float max = 0;
        for (float p : map.data()) {
            max = Math.max(max, p);
        }
        assertThat(max).isLessThan(0.3f);
        assertThat(PpOcrDet.boxes(map, 320, 96)).isEmpty();
    }
}
