package io.djflink.inference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogHistogramTest {

    @Test
    void keepsExactCountSumMinMaxAndQuantilesWithinAFactorOfTwo() {
        LogHistogram h = new LogHistogram();
        for (long v = 1; v <= 1000; v++) {
            h.record(v);
        }
        assertThat(h.count()).isEqualTo(1000);
        assertThat(h.sum()).isEqualTo(500_500);
        assertThat(h.min()).isEqualTo(1);
        assertThat(h.max()).isEqualTo(1000);
        assertThat(h.mean()).isEqualTo(500.5);
        assertThat(h.quantile(0.5)).isBetween(500L, 1000L);
        assertThat(h.quantile(0.99)).isBetween(990L, 1000L);
        assertThat(h.quantile(0)).isEqualTo(1);
    }

    @Test
    void isZeroBeforeTheFirstValue() {
        LogHistogram h = new LogHistogram();
        assertThat(h.count()).isZero();
        assertThat(h.min()).isZero();
        assertThat(h.max()).isZero();
        assertThat(h.quantile(0.5)).isZero();
        h.record(0);
        assertThat(h.quantile(1)).isZero();
        assertThat(h.count()).isEqualTo(1);
    }
}
