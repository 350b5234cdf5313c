package io.djflink.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.ops.BandKey;
import io.djflink.ops.NearDeduplicator;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import org.junit.jupiter.api.Test;

class NearDupClustersTest {

    /** Signature {v}: key = v / 10 (coarse bucket); duplicates when |a - b| <= 1. */
    private static final NearDeduplicator OP = new NearDeduplicator() {
        @Override
        public long[] signature(Sample sample, SampleContext ctx) {
            throw new UnsupportedOperationException();
        }

        @Override
        public BandKey[] candidateKeys(long[] s) {
            return new BandKey[] {new BandKey(0, s[0] / 10), new BandKey(1, (s[0] + 5) / 10)};
        }

        @Override
        public boolean isDuplicate(long[] a, long[] b) {
            return Math.abs(a[0] - b[0]) <= 1;
        }

        @Override
        public double similarity(long[] a, long[] b) {
            return 0;
        }

        @Override
        public String name() {
            return "test";
        }

        @Override
        public String textKey() {
            return "text";
        }
    };

    @Test
    void chainsAreTransitiveAndTheSmallestPositionSurvives() {
        NearDupClusters c = new NearDupClusters(OP);
        c.add(0, new long[] {12});
        c.add(3, new long[] {14});
        // links 12 and 14 only through itself, after both were added
        c.add(5, new long[] {13});
        assertThat(c.survivor(0)).isZero();
        assertThat(c.survivor(3)).isZero();
        assertThat(c.survivor(5)).isZero();
    }

    @Test
    void candidatesThatFailThePairCheckStaySeparate() {
        NearDupClusters c = new NearDupClusters(OP);
        c.add(0, new long[] {11});
        c.add(1, new long[] {15});
        assertThat(c.survives(0)).isTrue();
        assertThat(c.survives(1)).isTrue();
    }

    @Test
    void equalSignaturesCollapseOntoTheFirst() {
        NearDupClusters c = new NearDupClusters(OP);
        c.add(2, new long[] {40});
        c.add(7, new long[] {40});
        c.add(9, new long[] {40});
        assertThat(c.survives(2)).isTrue();
        assertThat(c.survivor(9)).isEqualTo(2);
    }

    @Test
    void aLateBridgeMergesTwoSurvivorsIntoTheEarlierOne() {
        NearDupClusters c = new NearDupClusters(OP);
        c.add(0, new long[] {20});
        c.add(1, new long[] {22});
        c.add(2, new long[] {21});
        assertThat(c.survives(1)).isFalse();
        assertThat(c.survivor(1)).isZero();
    }

    @Test
    void positionsMustIncrease() {
        NearDupClusters c = new NearDupClusters(OP);
        c.add(4, new long[] {1});
        assertThatThrownBy(() -> c.add(4, new long[] {1})).isInstanceOf(IllegalArgumentException.class);
    }
}
