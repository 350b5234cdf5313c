package io.djflink.ops.image;

import io.djflink.media.DecodedImage;
import io.djflink.media.PillowResize;
import java.util.Arrays;

/**
 * The perceptual hashes of the imagededup library, as Data-Juicer's image_deduplicator computes
 * them: the image (RGB) is resized with Pillow's LANCZOS filter to the method's size, converted to
 * Pillow's 8-bit luma ({@code L}), and reduced to 64 bits, written as 16 hex digits (bits in row
 * order, the first bit the highest of the first byte).
 *
 * <ul>
 *   <li>{@link #AHASH}: 8x8; a bit is set where the pixel is at least the mean.
 *   <li>{@link #DHASH}: 9 wide, 8 high; a bit is set where a pixel is brighter than its left neighbour.
 *   <li>{@link #PHASH}: 32x32; the 2-D DCT-II (unnormalised, columns then rows) keeps its top-left
 *       8x8 terms; a bit is set where a term is at least the median of the 63 terms after the first.
 *   <li>{@link #WHASH}: 256x256, scaled to [0, 1], five levels of the Haar wavelet keep the 8x8
 *       approximation; a bit is set where it is at least their median.
 * </ul>
 *
 * <p>The resampling, the luma and the Haar sums repeat Pillow's and PyWavelets' integer and
 * floating-point steps in the same order, so those hashes match bit for bit. The DCT is summed
 * directly where scipy uses an FFT: the two differ in the last bits of a term, which changes a
 * {@link #PHASH} bit only when a term lies within about 1e-12 of the median, i.e. when the median
 * is tied (e.g. symmetric or flat pictures).
 */
public enum ImageHash {
    AHASH(8, 8) {
        @Override
        boolean[] bits(int[] luma) {
            long sum = 0;
            for (int v : luma) {
                sum += v;
            }
            double mean = sum / 64.0;
            boolean[] b = new boolean[64];
            for (int i = 0; i < 64; i++) {
                b[i] = luma[i] >= mean;
            }
            return b;
        }
    },
    DHASH(9, 8) {
        @Override
        boolean[] bits(int[] luma) {
            boolean[] b = new boolean[64];
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    b[y * 8 + x] = luma[y * 9 + x + 1] > luma[y * 9 + x];
                }
            }
            return b;
        }
    },
    PHASH(32, 32) {
        @Override
        boolean[] bits(int[] luma) {
            // rows[k][x]: DCT-II along the columns (axis 0) for the 8 lowest frequencies
            double[][] rows = new double[8][32];
            for (int k = 0; k < 8; k++) {
                for (int x = 0; x < 32; x++) {
                    double s = 0;
                    for (int y = 0; y < 32; y++) {
                        s += luma[y * 32 + x] * COS32[k][y];
                    }
                    rows[k][x] = 2 * s;
                }
            }
            double[] terms = new double[64];
            for (int k = 0; k < 8; k++) {
                for (int j = 0; j < 8; j++) {
                    double s = 0;
                    for (int x = 0; x < 32; x++) {
                        s += rows[k][x] * COS32[j][x];
                    }
                    terms[k * 8 + j] = 2 * s;
                }
            }
            double[] ac = Arrays.copyOfRange(terms, 1, 64);
            Arrays.sort(ac);
            double median = ac[31];
            boolean[] b = new boolean[64];
            for (int i = 0; i < 64; i++) {
                b[i] = terms[i] >= median;
            }
            return b;
        }
    },
    WHASH(256, 256) {
        @Override
        boolean[] bits(int[] luma) {
            int n = 256;
            double[] a = new double[n * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = luma[i] / 255.0;
            }
            for (int level = 0; level < 5; level++) {
                a = haarApproximation(a, n);
                n /= 2;
            }
            double[] sorted = a.clone();
            Arrays.sort(sorted);
            double median = (sorted[31] + sorted[32]) / 2;
            boolean[] b = new boolean[64];
            for (int i = 0; i < 64; i++) {
                b[i] = a[i] >= median;
            }
            return b;
        }
    };

    /** PyWavelets' Haar low-pass taps. */
    private static final double HAAR = 0.7071067811865476;

    /** cos(pi k (2n+1) / 64) for the first 8 frequencies of a 32-point DCT-II. */
    private static final double[][] COS32 = new double[8][32];

    static {
        for (int k = 0; k < 8; k++) {
            for (int n = 0; n < 32; n++) {
                COS32[k][n] = Math.cos(Math.PI * k * (2 * n + 1) / 64);
            }
        }
    }

    private final int width;
    private final int height;

    ImageHash(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** The method by its Data-Juicer name ({@code phash}, {@code dhash}, {@code whash}, {@code ahash}). */
    public static ImageHash of(String method) {
        return valueOf(method.toUpperCase(java.util.Locale.ROOT));
    }

    /** The hash of a decoded image, 16 hex digits. */
    public String hash(DecodedImage img) {
        return hex(bits(luma(img)));
    }

    /** The image resized to this method's size and converted to Pillow's {@code L}, row by row. */
    int[] luma(DecodedImage img) {
        byte[] bgr = PillowResize.lanczos(img.bgr(), img.width(), img.height(), width, height);
        int[] l = new int[width * height];
        for (int i = 0, p = 0; i < l.length; i++, p += 3) {
            int b = bgr[p] & 0xFF;
            int g = bgr[p + 1] & 0xFF;
            int r = bgr[p + 2] & 0xFF;
            l[i] = (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
        }
        return l;
    }

    abstract boolean[] bits(int[] luma);

    /**
     * One level of PyWavelets' {@code dwt2(..., 'haar')} approximation on an n x n array: pairs of
     * rows, then pairs of columns, each {@code x[2i+1]*h + x[2i]*h} in that order.
     */
    private static double[] haarApproximation(double[] a, int n) {
        int m = n / 2;
        double[] rows = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int x = 0; x < n; x++) {
                rows[i * n + x] = a[(2 * i + 1) * n + x] * HAAR + a[2 * i * n + x] * HAAR;
            }
        }
        double[] out = new double[m * m];
        for (int y = 0; y < m; y++) {
            for (int j = 0; j < m; j++) {
                out[y * m + j] = rows[y * n + 2 * j + 1] * HAAR + rows[y * n + 2 * j] * HAAR;
            }
        }
        return out;
    }

    private static String hex(boolean[] bits) {
        StringBuilder sb = new StringBuilder(16);
        for (int byteIndex = 0; byteIndex < 8; byteIndex++) {
            int v = 0;
            for (int k = 0; k < 8; k++) {
                v = (v << 1) | (bits[byteIndex * 8 + k] ? 1 : 0);
            }
            sb.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 0xF, 16));
        }
        return sb.toString();
    }
}
