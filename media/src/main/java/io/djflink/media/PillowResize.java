package io.djflink.media;

/**
 * Pillow's {@code Image.resize(size, Image.LANCZOS)} of an 8-bit three-channel image, bit for bit:
 * the resampling of {@code libImaging/Resample.c}, which ports of Pillow-based algorithms (such as
 * the perceptual hashes of imagededup that Data-Juicer uses) need to reproduce its results.
 *
 * <p>Separable: a horizontal pass, then a vertical one, each skipped when that dimension does not
 * change. Per output pixel the filter ({@code sinc(x) * sinc(x/3)} on [-3, 3), stretched by the
 * downscale factor) is sampled at the input pixel centres, normalised to sum 1, and turned into
 * 22-bit fixed-point integers; each pass accumulates in integers from a rounding offset and clips
 * to 0..255, so the intermediate image is 8-bit as in Pillow. The channel order does not matter
 * (channels are independent).
 */
public final class PillowResize {

    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final double SUPPORT = 3.0;

    private PillowResize() {}

    /**
     * Resizes {@code src} ({@code w * h * 3} bytes, interleaved) to {@code outW x outH}.
     *
     * @return {@code outW * outH * 3} bytes, interleaved in the same channel order
     */
    public static byte[] lanczos(byte[] src, int w, int h, int outW, int outH) {
        byte[] img = src;
        int curW = w;
        if (outW != w) {
            img = horizontal(img, w, h, outW);
            curW = outW;
        }
        if (outH != h) {
            img = vertical(img, curW, h, outH);
        }
        return img == src ? src.clone() : img;
    }

    /** One output position's first input index and its integer weights. */
    private record Taps(int[] start, int[][] weights) {}

    /** Pillow's {@code precompute_coeffs} followed by {@code normalize_coeffs_8bpc}. */
    private static Taps taps(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = SUPPORT * filterScale;
        int[] start = new int[outSize];
        int[][] weights = new int[outSize][];
        double ss = 1.0 / filterScale;
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            // (int) truncates toward zero, as the C cast does
            int xmin = Math.max((int) (center - support + 0.5), 0);
            int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
            double[] k = new double[xmax];
            double ww = 0.0;
            for (int x = 0; x < xmax; x++) {
                double v = lanczos((x + xmin - center + 0.5) * ss);
                k[x] = v;
                ww += v;
            }
            int[] fixed = new int[xmax];
            for (int x = 0; x < xmax; x++) {
                double v = ww != 0.0 ? k[x] / ww : k[x];
                fixed[x] = v < 0 ? (int) (-0.5 + v * (1 << PRECISION_BITS)) : (int) (0.5 + v * (1 << PRECISION_BITS));
            }
            start[xx] = xmin;
            weights[xx] = fixed;
        }
        return new Taps(start, weights);
    }

    private static double lanczos(double x) {
        return -SUPPORT <= x && x < SUPPORT ? sinc(x) * sinc(x / 3) : 0.0;
    }

    private static double sinc(double x) {
        if (x == 0.0) {
            return 1.0;
        }
        double px = x * Math.PI;
        return Math.sin(px) / px;
    }

    private static byte[] horizontal(byte[] in, int w, int h, int outW) {
        Taps t = taps(w, outW);
        byte[] out = new byte[outW * h * 3];
        // one channel at a time in plain int arrays: the dot products below are loops the JIT vectorises
        int[][] planes = new int[3][w];
        for (int y = 0; y < h; y++) {
            int row = y * w * 3;
            for (int x = 0, p = row; x < w; x++, p += 3) {
                planes[0][x] = in[p] & 0xFF;
                planes[1][x] = in[p + 1] & 0xFF;
                planes[2][x] = in[p + 2] & 0xFF;
            }
            int o = y * outW * 3;
            for (int xx = 0; xx < outW; xx++, o += 3) {
                int[] k = t.weights[xx];
                int first = t.start[xx];
                for (int c = 0; c < 3; c++) {
                    out[o + c] = clip8(dot(planes[c], first, k));
                }
            }
        }
        return out;
    }

    /** The rounding offset plus the weighted sum of {@code k.length} values from {@code first}. */
    private static int dot(int[] values, int first, int[] k) {
        int s = 1 << (PRECISION_BITS - 1);
        for (int x = 0; x < k.length; x++) {
            s += values[first + x] * k[x];
        }
        return s;
    }

    private static byte[] vertical(byte[] in, int w, int h, int outH) {
        Taps t = taps(h, outH);
        int stride = w * 3;
        byte[] out = new byte[stride * outH];
        for (int yy = 0; yy < outH; yy++) {
            int[] k = t.weights[yy];
            int first = t.start[yy] * stride;
            int o = yy * stride;
            for (int c = 0; c < stride; c++) {
                int s = 1 << (PRECISION_BITS - 1);
                for (int y = 0, p = first + c; y < k.length; y++, p += stride) {
                    s += (in[p] & 0xFF) * k[y];
                }
                out[o + c] = clip8(s);
            }
        }
        return out;
    }

    /** Pillow's {@code clip8}: the integer part, clamped to a byte (arithmetic shift, as in C). */
    private static byte clip8(int acc) {
        int v = acc >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }
}
