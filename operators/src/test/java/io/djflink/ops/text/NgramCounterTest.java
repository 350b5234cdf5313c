package io.djflink.ops.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NgramCounterTest {

    @Test
    void frequenciesEqualNaiveCountingOnRandomSequencesWithAReusedCounter() {
        NgramCounter counter = new NgramCounter();
        Random rnd = new Random(7);
        for (int round = 0; round < 200; round++) {
            int len = rnd.nextInt(round % 2 == 0 ? 300 : 20);
            int n = 1 + rnd.nextInt(6);
            int[] seq = new int[len];
            for (int i = 0; i < len; i++) {
                seq[i] = rnd.nextInt(1 + round % 4);
            }
            Map<String, Integer> naive = new LinkedHashMap<>();
            for (int i = 0; i + n <= len; i++) {
                naive.merge(Arrays.toString(Arrays.copyOfRange(seq, i, i + n)), 1, Integer::sum);
            }
            int[] want = naive.values().stream().mapToInt(Integer::intValue).toArray();
            assertThat(counter.frequencies(seq, len, n)).as("len %d n %d", len, n).containsExactly(want);
        }
    }

    @Test
    void itemsWithEqualHashCodesAreToldApart() {
        List<String> words = List.of("Aa", "BB", "Aa", "BB"); // "Aa".hashCode() == "BB".hashCode()
        int[] seq = words.stream().mapToInt(String::hashCode).toArray();
        NgramCounter counter = new NgramCounter();
        counter.count(seq, seq.length, 1, words);
        assertThat(Arrays.copyOf(counter.counts(), counter.distinct())).containsExactly(2, 2);
    }

    @Test
    void sequenceShorterThanNHasNoNgrams() {
        assertThat(new NgramCounter().frequencies(new int[] {1, 2}, 2, 3)).isEmpty();
    }

    @Test
    void codePointsJoinSurrogatePairsAndKeepLoneSurrogates() {
        NgramCounter counter = new NgramCounter();
        int k = counter.codePoints("a😊\ud800b");
        assertThat(Arrays.copyOf(counter.sequence(), k)).containsExactly('a', 0x1F60A, 0xD800, 'b');
    }
}
