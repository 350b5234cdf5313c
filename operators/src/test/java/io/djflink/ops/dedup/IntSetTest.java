package io.djflink.ops.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IntSetTest {

    @Test
    void keepsFirstOccurrencesInOrderAcrossReusedCalls() {
        IntSet set = new IntSet();
        Random rnd = new Random(5);
        for (int round = 0; round < 200; round++) {
            int n = rnd.nextInt(round < 100 ? 50 : 5000);
            int range = 1 + rnd.nextInt(3 * n + 1);
            int[] a = new int[n];
            for (int i = 0; i < n; i++) {
                a[i] = rnd.nextBoolean() ? rnd.nextInt(range) : -rnd.nextInt(range);
            }
            Set<Integer> want = new LinkedHashSet<>();
            Arrays.stream(a).forEach(want::add);
            int kept = set.retainFirst(a, n);
            assertThat(Arrays.stream(a, 0, kept).boxed().toList()).containsExactlyElementsOf(want);
        }
    }

    @Test
    void zeroAndExtremesAreValuesLikeAnyOther() {
        int[] a = {0, Integer.MIN_VALUE, 0, Integer.MAX_VALUE, -1, Integer.MIN_VALUE, -1};
        assertThat(Arrays.copyOf(a, new IntSet().retainFirst(a, a.length)))
                .containsExactly(0, Integer.MIN_VALUE, Integer.MAX_VALUE, -1);
    }
}
