package io.djflink.inference;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lock-free histogram of non-negative longs in power-of-two buckets: exact count, sum, min and
 * max, quantiles to within a factor of two. Cheap enough to record on every batch; a Flink stage
 * can wrap it in its own {@code Histogram} metric.
 */
public final class LogHistogram {
    private final AtomicLongArray buckets = new AtomicLongArray(65);
    private final LongAdder count = new LongAdder();
    private final LongAdder sum = new LongAdder();
    private final LongAccumulator min = new LongAccumulator(Math::min, Long.MAX_VALUE);
    private final LongAccumulator max = new LongAccumulator(Math::max, Long.MIN_VALUE);

    /** Records one value; negative values count as 0. */
    public void record(long value) {
        long v = Math.max(0, value);
        // bucket b holds [2^(b-1), 2^b); bucket 0 holds only 0
        buckets.incrementAndGet(64 - Long.numberOfLeadingZeros(v));
        count.increment();
        sum.add(v);
        min.accumulate(v);
        max.accumulate(v);
    }

    public long count() {
        return count.sum();
    }

    public long sum() {
        return sum.sum();
    }

    /** The mean, or 0 before the first value. */
    public double mean() {
        long n = count();
        return n == 0 ? 0 : (double) sum() / n;
    }

    /** The smallest value, or 0 before the first value. */
    public long min() {
        return count() == 0 ? 0 : min.get();
    }

    /** The largest value, or 0 before the first value. */
    public long max() {
        return count() == 0 ? 0 : max.get();
    }

    /**
     * The upper bound of the bucket holding quantile {@code q} (0..1), capped at {@link #max()}:
     * an overestimate by less than a factor of two.
     */
    public long quantile(double q) {
        long n = count();
        if (n == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(Math.min(1, Math.max(0, q)) * n);
        long seen = 0;
        for (int b = 0; b < buckets.length(); b++) {
            seen += buckets.get(b);
            if (seen >= Math.max(1, rank)) {
                long upper = b == 0 ? 0 : (b >= 63 ? Long.MAX_VALUE : (1L << b) - 1);
                return Math.min(upper, max());
            }
        }
        return max();
    }
}
