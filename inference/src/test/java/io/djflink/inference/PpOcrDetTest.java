package io.djflink.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** DB post-processing on hand-made probability maps, where the right boxes are known. */
class PpOcrDetTest {

    @Test
    void inputSizeKeepsTheLongSideAtMost960InMultiplesOf32() {
        assertThat(PpOcrDet.inputSize(320, 96)).containsExactly(320, 96);
        assertThat(PpOcrDet.inputSize(100, 50)).containsExactly(96, 64);
        assertThat(PpOcrDet.inputSize(1920, 1080)).containsExactly(960, 544);
        assertThat(PpOcrDet.inputSize(10, 10)).containsExactly(32, 32);
    }

    @Test
    void anUprightBlockBecomesOneBoxGrownByTheUnclipDistance() {
        float[] p = new float[64 * 128];
        fill(p, 128, 20, 30, 100, 40, 0.9f); // 80 x 10 px
        List<PpOcrDet.TextBox> boxes = PpOcrDet.boxes(new FloatTensor(p, new long[] {1, 64, 128}), 128, 64);

        assertThat(boxes).hasSize(1);
        // pixel centres span 79 x 9; unclip adds 2d with d = 79*9*1.5 / (2*(79+9))
        double d = 79.0 * 9 * 1.5 / (2 * (79 + 9));
        // corners are rounded to whole pixels, as PaddleOCR's are: each side may move by one
        assertThat(boxes.get(0).area()).isCloseTo((79 + 2 * d) * (9 + 2 * d), within(79 + 9 + 4 * d));
    }

    @Test
    void boxesAreScaledToTheSourceImageAndClippedToIt() {
        float[] p = new float[32 * 32];
        fill(p, 32, 0, 0, 32, 8, 0.95f);
        List<PpOcrDet.TextBox> boxes = PpOcrDet.boxes(new FloatTensor(p, new long[] {32, 32}), 64, 64);
        assertThat(boxes).hasSize(1);
        PpOcrDet.TextBox b = boxes.get(0);
        for (int k = 0; k < 4; k++) {
            assertThat(b.xs()[k]).isBetween(0.0, 64.0);
            assertThat(b.ys()[k]).isBetween(0.0, 64.0);
        }
        assertThat(PpOcrDet.areaRatio(boxes, 64, 64)).isBetween(0.25, 0.5);
    }

    @Test
    void aRotatedBlockGetsATightRotatedBoxNotItsUprightHull() {
        int w = 128, h = 128;
        float[] p = new float[w * h];
        double a = Math.toRadians(30);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = (x - 64) * Math.cos(a) + (y - 64) * Math.sin(a);
                double v = -(x - 64) * Math.sin(a) + (y - 64) * Math.cos(a);
                if (Math.abs(u) <= 40 && Math.abs(v) <= 6) {
                    p[y * w + x] = 0.9f;
                }
            }
        }
        List<PpOcrDet.TextBox> boxes = PpOcrDet.boxes(new FloatTensor(p, new long[] {h, w}), w, h);
        assertThat(boxes).hasSize(1);
        double d = 80.0 * 12 * 1.5 / (2 * (80 + 12));
        double expected = (80 + 2 * d) * (12 + 2 * d);
        // the upright box around the same blob would be about 3x larger
        assertThat(boxes.get(0).area()).isCloseTo(expected, within(expected * 0.1));
    }

    @Test
    void weakTinyAndDimRegionsAreNotText() {
        float[] p = new float[64 * 64];
        fill(p, 64, 5, 5, 7, 7, 0.99f);     // 2 x 2: below min_size
        fill(p, 64, 10, 30, 60, 40, 0.4f);  // above thresh but scores under box_thresh
        fill(p, 64, 10, 50, 60, 60, 0.2f);  // under thresh
        assertThat(PpOcrDet.boxes(new FloatTensor(p, new long[] {64, 64}), 64, 64)).isEmpty();
    }

    @Test
    void convexHullAndMinAreaRectOfASquare() {
        double[] pts = {0, 0, 2, 0, 2, 2, 0, 2, 1, 1, 1, 0};
        double[] hull = PpOcrDet.convexHull(pts, 6);
        assertThat(hull).hasSize(8);
        double[] r = PpOcrDet.minAreaRect(hull);
        assertThat(r[2] * r[3]).isCloseTo(4.0, within(1e-9));
        assertThat(r[0]).isCloseTo(1.0, within(1e-9));
        assertThat(r[1]).isCloseTo(1.0, within(1e-9));
    }

    private static void fill(float[] p, int w, int x0, int y0, int x1, int y1, float v) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                p[y * w + x] = v;
            }
        }
    }
}
