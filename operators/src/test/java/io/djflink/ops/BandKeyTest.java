package io.djflink.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BandKeyTest {

    @Test
    void keysAreEqualExactlyWhenBothHalvesAre() {
        BandKey k = new BandKey(3, 0x1234L);
        assertThat(new BandKey(3, 0x1234L)).isEqualTo(k).hasSameHashCodeAs(k);
        assertThat(new BandKey(4, 0x1234L)).isNotEqualTo(k);
        assertThat(new BandKey(3, 0x1235L)).isNotEqualTo(k);
        assertThat(new BandKey(0x1234L, 3)).isNotEqualTo(k);
    }

    @Test
    void hashCodesOfStructuredExactKeysRarelyCollide() {
        // SimHash-like keys: a small choice index and a 21-bit block of hash bits at some offset
        Set<Integer> codes = new HashSet<>();
        int n = 0;
        for (int choice = 0; choice < 15; choice++) {
            for (long bits = 0; bits < 20_000; bits++) {
                codes.add(new BandKey(choice, bits << (choice * 3)).hashCode());
                n++;
            }
        }
        // 300,000 random 32-bit codes would collide about 10 times
        assertThat(n - codes.size()).isLessThan(40);
    }

    @Test
    void theHashCountsTheTagTheNumberOfValuesAndEveryValue() {
        long[] v = {1, 2, 3, 0};
        BandKey k = BandKey.hash(0, v, 0, 3);
        assertThat(BandKey.hash(0, new long[] {9, 1, 2, 3}, 1, 4)).isEqualTo(k);
        assertThat(BandKey.hash(1, v, 0, 3)).isNotEqualTo(k);
        // {1, 2, 3} and {1, 2, 3, 0} fill the same words: only the count tells them apart
        assertThat(BandKey.hash(0, v, 0, 4)).isNotEqualTo(k);
        assertThat(BandKey.hash(0, new long[] {1, 2, 4}, 0, 3)).isNotEqualTo(k);
        assertThat(BandKey.hash(0, v, 0, 0)).isNotEqualTo(BandKey.hash(1, v, 0, 0));
    }

    @Test
    void distinctBandsGetDistinctKeysEvenInEachHalf() {
        Set<Long> his = new HashSet<>();
        Set<Long> los = new HashSet<>();
        Random rnd = new Random(11);
        long[] v = new long[10];
        int n = 0;
        // random bands, and bands that differ in one small value: the worst case for a weak mix
        for (int i = 0; i < 100_000; i++) {
            for (int j = 0; j < v.length; j++) {
                v[j] = rnd.nextInt() & 0xFFFFFFFFL;
            }
            BandKey k = BandKey.hash(i % 25, v, 0, v.length);
            his.add(k.hi());
            los.add(k.lo());
            n++;
        }
        long[] small = new long[10];
        for (int i = 0; i < 100_000; i++) {
            small[i % 10] = i;
            BandKey k = BandKey.hash(0, small, 0, small.length);
            his.add(k.hi());
            los.add(k.lo());
            n++;
        }
        // 200,000 random 64-bit halves collide with probability about 10^-9
        assertThat(his).hasSize(n);
        assertThat(los).hasSize(n);
    }

    @Test
    void flippingOneInputBitFlipsAboutHalfTheKeyBits() {
        Random rnd = new Random(7);
        long[] v = new long[10];
        long flipped = 0;
        int trials = 0;
        for (int t = 0; t < 200; t++) {
            for (int j = 0; j < v.length; j++) {
                v[j] = rnd.nextInt() & 0xFFFFFFFFL;
            }
            BandKey k = BandKey.hash(t, v, 0, v.length);
            for (int j = 0; j < v.length; j++) {
                for (int bit = 0; bit < 32; bit++) {
                    v[j] ^= 1L << bit;
                    BandKey f = BandKey.hash(t, v, 0, v.length);
                    v[j] ^= 1L << bit;
                    flipped += Long.bitCount(k.hi() ^ f.hi()) + Long.bitCount(k.lo() ^ f.lo());
                    trials++;
                }
            }
        }
        assertThat((double) flipped / trials).isBetween(63.0, 65.0);
    }
}
