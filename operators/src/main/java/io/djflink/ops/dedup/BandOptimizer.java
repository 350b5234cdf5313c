package io.djflink.ops.dedup;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Data-Juicer's {@code optimal_param}: the (bands, rows) with {@code bands * rows <= num_perm}
 * that minimise {@code 0.5 * FP + 0.5 * FN}, where FP integrates the LSH collision probability
 * {@code 1 - (1 - s^r)^b} over similarities {@code [0, t]} and FN integrates its complement over
 * {@code [t, 1]}. Candidates are tried bands-major, rows ascending, and only a strictly smaller
 * error replaces the best, as upstream. Results are cached per (threshold, num_perm).
 */
public final class BandOptimizer {

    private static final Map<String, int[]> CACHE = new ConcurrentHashMap<>();

    private BandOptimizer() {}

    /** {@code {bands, rows}} for a Jaccard threshold and a number of permutations. */
    public static int[] optimal(double threshold, int numPerm) {
        return CACHE.computeIfAbsent(threshold + "/" + numPerm, k -> compute(threshold, numPerm)).clone();
    }

    private static int[] compute(double t, int numPerm) {
        double best = Double.POSITIVE_INFINITY;
        int[] opt = {0, 0};
        for (int b = 1; b <= numPerm; b++) {
            for (int r = 1; r <= numPerm / b; r++) {
                final int bands = b;
                final int rows = r;
                double fp = integrate(s -> 1 - Math.pow(1 - Math.pow(s, rows), bands), 0.0, t);
                double fn = integrate(s -> Math.pow(1 - Math.pow(s, rows), bands), t, 1.0);
                double err = 0.5 * fp + 0.5 * fn;
                if (err < best) {
                    best = err;
                    opt = new int[] {b, r};
                }
            }
        }
        return opt;
    }

    /**
     * Adaptive Gauss-Kronrod (7/15) quadrature to about 1e-13 absolute, well below the gaps
     * between neighbouring candidates' errors that decide the choice.
     */
    static double integrate(java.util.function.DoubleUnaryOperator f, double a, double b) {
        if (a >= b) {
            return 0.0;
        }
        return adapt(f, a, b, 1e-13, 0);
    }

    private static final double[] XK = {
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.000000000000000000000000000000000};
    private static final double[] WK = {
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
    private static final double[] WG = {
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327};

    private static double adapt(java.util.function.DoubleUnaryOperator f, double a, double b, double tol, int depth) {
        double c = 0.5 * (a + b);
        double h = 0.5 * (b - a);
        double fc = f.applyAsDouble(c);
        double kronrod = WK[7] * fc;
        double gauss = WG[3] * fc;
        for (int i = 0; i < 7; i++) {
            double x = h * XK[i];
            double s = f.applyAsDouble(c - x) + f.applyAsDouble(c + x);
            kronrod += WK[i] * s;
            if (i % 2 == 1) {
                gauss += WG[i / 2] * s;
            }
        }
        kronrod *= h;
        gauss *= h;
        if (Math.abs(kronrod - gauss) <= tol || depth >= 40) {
            return kronrod;
        }
        return adapt(f, a, c, tol / 2, depth + 1) + adapt(f, c, b, tol / 2, depth + 1);
    }
}
