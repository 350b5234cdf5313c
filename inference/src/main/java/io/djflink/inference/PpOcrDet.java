package io.djflink.inference;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * PaddleOCR's PP-OCR text detector around the model: its input preparation (resize so the long
 * side is at most {@link #LIMIT_SIDE}, both sides multiples of 32, then PaddleOCR's per-channel
 * normalisation of the BGR pixels) and its DB post-processing, which turns the probability map into text boxes.
 *
 * <p>The post-processing follows PaddleOCR's {@code DBPostProcess} with its defaults: pixels above
 * {@code thresh} 0.3 form regions; each region's minimum-area rectangle is kept if its short side
 * is at least 3 px and the mean probability inside it is at least {@code box_thresh} 0.6; the
 * rectangle is then grown by {@code unclip_ratio} 1.5 (offset by area x ratio / perimeter) and
 * scaled back to the source image. Two simplifications, both pure Java instead of OpenCV and
 * pyclipper: regions are 8-connected pixel sets (OpenCV also traces the holes inside a region as
 * contours of their own; those rarely pass the score test), and the box score averages the pixels
 * whose centres lie inside the rectangle rather than a rasterised polygon.
 */
public final class PpOcrDet {

    /** PaddleOCR's {@code det_limit_side_len} with {@code det_limit_type: max}. */
    public static final int LIMIT_SIDE = 960;
    static final float THRESH = 0.3f;
    static final float BOX_THRESH = 0.6f;
    static final double UNCLIP_RATIO = 1.5;
    static final int MIN_SIZE = 3;
    static final int MAX_CANDIDATES = 1000;

    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private PpOcrDet() {}

    /** A detected text box in source-image pixels: its four corners and its area. */
    public record TextBox(double[] xs, double[] ys) {
        /** The area of the (clipped) box, by the shoelace formula. */
        public double area() {
            double a = 0;
            for (int i = 0; i < 4; i++) {
                int j = (i + 1) % 4;
                a += xs[i] * ys[j] - xs[j] * ys[i];
            }
            return Math.abs(a) / 2;
        }

        @Override
        public String toString() {
            return "TextBox" + Arrays.toString(xs) + Arrays.toString(ys);
        }
    }

    /** The detector's input size for a {@code w x h} image: long side at most 960, multiples of 32. */
    public static int[] inputSize(int w, int h) {
        double ratio = Math.max(w, h) > LIMIT_SIDE ? (double) LIMIT_SIDE / Math.max(w, h) : 1.0;
        int rw = Math.max((int) Math.round((int) (w * ratio) / 32.0) * 32, 32);
        int rh = Math.max((int) Math.round((int) (h * ratio) / 32.0) * 32, 32);
        return new int[] {rw, rh};
    }

    /** {@code img} resized (bilinear) to {@link #inputSize}, or itself when it already has that size. */
    public static BufferedImage resize(BufferedImage img) {
        int[] size = inputSize(img.getWidth(), img.getHeight());
        if (size[0] == img.getWidth() && size[1] == img.getHeight() && img.getType() == BufferedImage.TYPE_INT_RGB) {
            return img;
        }
        BufferedImage out = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, size[0], size[1], null);
        g.dispose();
        return out;
    }

    /**
     * The detector's input for an image already sized to its liking (sides that are multiples
     * of 32), laid out CHW: {@code (px/255 - mean) / std} per channel, with the channels in BGR
     * order as PaddleOCR's reader (OpenCV) hands them to the model.
     */
    public static float[] normalize(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] bgr = new byte[3 * w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int i = 3 * (y * w + x);
                bgr[i] = (byte) row[x];
                bgr[i + 1] = (byte) (row[x] >> 8);
                bgr[i + 2] = (byte) (row[x] >> 16);
            }
        }
        return normalizeBgr(bgr, w, h);
    }

    /** {@link #normalize(BufferedImage)} for interleaved 8-bit BGR pixels, rows top to bottom. */
    public static float[] normalizeBgr(byte[] bgr, int w, int h) {
        int plane = h * w;
        if (bgr.length != 3 * plane) {
            throw new IllegalArgumentException(w + "x" + h + " BGR needs " + 3 * plane + " bytes, got " + bgr.length);
        }
        float[] chw = new float[3 * plane];
        for (int c = 0; c < 3; c++) {
            float scale = 1f / (255f * STD[c]);
            float shift = MEAN[c] / STD[c];
            int base = c * plane;
            for (int i = 0; i < plane; i++) {
                chw[base + i] = (bgr[3 * i + c] & 0xff) * scale - shift;
            }
        }
        return chw;
    }

    /**
     * The text boxes of a probability map ({@code [1, H, W]} or {@code [H, W]}) in the pixels of a
     * {@code srcW x srcH} source image, clipped to it.
     */
    public static List<TextBox> boxes(FloatTensor map, int srcW, int srcH) {
        long[] s = map.shape();
        int h = (int) s[s.length - 2];
        int w = (int) s[s.length - 1];
        float[] p = map.data();
        int[] label = new int[h * w];
        int[] stack = new int[h * w];
        double[] pts = new double[2 * h * w];
        List<TextBox> out = new ArrayList<>();
        int regions = 0;
        for (int start = 0; start < h * w && regions < MAX_CANDIDATES; start++) {
            if (label[start] != 0 || p[start] <= THRESH) {
                continue;
            }
            regions++;
            int n = 0;
            int top = 0;
            stack[top++] = start;
            label[start] = regions;
            while (top > 0) {
                int i = stack[--top];
                int x = i % w;
                int y = i / w;
                pts[2 * n] = x;
                pts[2 * n + 1] = y;
                n++;
                for (int dy = -1; dy <= 1; dy++) {
                    int yy = y + dy;
                    if (yy < 0 || yy >= h) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx;
                        if (xx < 0 || xx >= w) {
                            continue;
                        }
                        int j = yy * w + xx;
                        if (label[j] == 0 && p[j] > THRESH) {
                            label[j] = regions;
                            stack[top++] = j;
                        }
                    }
                }
            }
            double[] rect = minAreaRect(convexHull(pts, n));
            if (Math.min(rect[2], rect[3]) < MIN_SIZE || score(p, w, h, rect) < BOX_THRESH) {
                continue;
            }
            double d = rect[2] * rect[3] * UNCLIP_RATIO / (2 * (rect[2] + rect[3]));
            double[] grown = {rect[0], rect[1], rect[2] + 2 * d, rect[3] + 2 * d, rect[4]};
            if (Math.min(grown[2], grown[3]) < MIN_SIZE + 2) {
                continue;
            }
            double[][] c = corners(grown);
            double sx = (double) srcW / w;
            double sy = (double) srcH / h;
            double[] xs = new double[4];
            double[] ys = new double[4];
            for (int k = 0; k < 4; k++) {
                xs[k] = clamp(Math.round(c[0][k] * sx), srcW);
                ys[k] = clamp(Math.round(c[1][k] * sy), srcH);
            }
            out.add(new TextBox(xs, ys));
        }
        return out;
    }

    /** Share of a {@code srcW x srcH} image covered by {@code boxes} (overlaps count twice, as summed box areas do). */
    public static double areaRatio(List<TextBox> boxes, int srcW, int srcH) {
        double area = 0;
        for (TextBox b : boxes) {
            area += b.area();
        }
        return area / ((double) srcW * srcH);
    }

    private static double clamp(double v, int size) {
        return Math.max(0, Math.min(v, size));
    }

    /** Andrew's monotone chain over {@code n} points packed as x,y pairs; returns the hull as x,y pairs. */
    static double[] convexHull(double[] pts, int n) {
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> pts[2 * a] != pts[2 * b] ? Double.compare(pts[2 * a], pts[2 * b])
                : Double.compare(pts[2 * a + 1], pts[2 * b + 1]));
        if (n < 3) {
            double[] out = new double[2 * n];
            for (int i = 0; i < n; i++) {
                out[2 * i] = pts[2 * idx[i]];
                out[2 * i + 1] = pts[2 * idx[i] + 1];
            }
            return out;
        }
        double[] hull = new double[4 * n];
        int k = 0;
        for (int pass = 0; pass < 2; pass++) {
            int floor = k;
            for (int m = 0; m < n; m++) {
                int i = idx[pass == 0 ? m : n - 1 - m];
                double x = pts[2 * i];
                double y = pts[2 * i + 1];
                while (k >= floor + 2 && cross(hull, k - 2, k - 1, x, y) <= 0) {
                    k--;
                }
                hull[2 * k] = x;
                hull[2 * k + 1] = y;
                k++;
            }
            k--;
        }
        return Arrays.copyOf(hull, 2 * k);
    }

    private static double cross(double[] h, int o, int a, double bx, double by) {
        return (h[2 * a] - h[2 * o]) * (by - h[2 * o + 1]) - (h[2 * a + 1] - h[2 * o + 1]) * (bx - h[2 * o]);
    }

    /**
     * The minimum-area rectangle around a convex polygon (x,y pairs), by trying each edge's
     * direction: {cx, cy, length along the angle, width across it, angle}.
     */
    static double[] minAreaRect(double[] hull) {
        int m = hull.length / 2;
        if (m == 1) {
            return new double[] {hull[0], hull[1], 0, 0, 0};
        }
        double best = Double.MAX_VALUE;
        double[] rect = null;
        for (int e = 0; e < m; e++) {
            double ex = hull[2 * ((e + 1) % m)] - hull[2 * e];
            double ey = hull[2 * ((e + 1) % m) + 1] - hull[2 * e + 1];
            double len = Math.hypot(ex, ey);
            if (len == 0) {
                continue;
            }
            double ux = ex / len;
            double uy = ey / len;
            double minU = Double.MAX_VALUE, maxU = -Double.MAX_VALUE, minV = Double.MAX_VALUE, maxV = -Double.MAX_VALUE;
            for (int i = 0; i < m; i++) {
                double u = hull[2 * i] * ux + hull[2 * i + 1] * uy;
                double v = -hull[2 * i] * uy + hull[2 * i + 1] * ux;
                minU = Math.min(minU, u);
                maxU = Math.max(maxU, u);
                minV = Math.min(minV, v);
                maxV = Math.max(maxV, v);
            }
            double area = (maxU - minU) * (maxV - minV);
            if (area < best) {
                best = area;
                double cu = (minU + maxU) / 2;
                double cv = (minV + maxV) / 2;
                rect = new double[] {cu * ux - cv * uy, cu * uy + cv * ux, maxU - minU, maxV - minV, Math.atan2(uy, ux)};
            }
        }
        return rect;
    }

    /** The rectangle's corners as {xs, ys}. */
    private static double[][] corners(double[] r) {
        double ux = Math.cos(r[4]);
        double uy = Math.sin(r[4]);
        double hu = r[2] / 2;
        double hv = r[3] / 2;
        double[][] c = new double[2][4];
        double[] su = {-hu, hu, hu, -hu};
        double[] sv = {-hv, -hv, hv, hv};
        for (int k = 0; k < 4; k++) {
            c[0][k] = r[0] + su[k] * ux - sv[k] * uy;
            c[1][k] = r[1] + su[k] * uy + sv[k] * ux;
        }
        return c;
    }

    /** Mean probability of the map's pixels whose centres lie inside the rectangle (edges included). */
    private static double score(float[] p, int w, int h, double[] r) {
        double ux = Math.cos(r[4]);
        double uy = Math.sin(r[4]);
        double hu = r[2] / 2 + 1e-9;
        double hv = r[3] / 2 + 1e-9;
        double ext = Math.abs(hu * ux) + Math.abs(hv * uy);
        double eyt = Math.abs(hu * uy) + Math.abs(hv * ux);
        int x0 = Math.max(0, (int) Math.floor(r[0] - ext));
        int x1 = Math.min(w - 1, (int) Math.ceil(r[0] + ext));
        int y0 = Math.max(0, (int) Math.floor(r[1] - eyt));
        int y1 = Math.min(h - 1, (int) Math.ceil(r[1] + eyt));
        double sum = 0;
        int n = 0;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double dx = x - r[0];
                double dy = y - r[1];
                if (Math.abs(dx * ux + dy * uy) <= hu && Math.abs(-dx * uy + dy * ux) <= hv) {
                    sum += p[y * w + x];
                    n++;
                }
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
