package io.djflink.ops.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.ops.BandKey;
import io.djflink.ops.NearDeduplicator;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.ParamException;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DocumentSimhashDeduplicatorTest {

    static NearDeduplicator op(Map<String, Object> args) {
        return (NearDeduplicator) OpRegistry.get().factory("document_simhash_deduplicator").create(args);
    }

    private static long hash(NearDeduplicator op, String text) throws Exception {
        return op.signature(Sample.ofText("text", text), new SampleContext())[0];
    }

    @Test
    void simhashMatchesTheReferenceOverShingleLists() throws Exception {
        for (JsonNode c : Reference.JSON.get("signatures")) {
            Map<String, Object> a = new HashMap<>();
            a.put("tokenization", c.get("tokenization").asText());
            a.put("window_size", c.get("window_size").asInt());
            a.put("lowercase", c.get("lowercase").asBoolean());
            if (!c.get("ignore_pattern").isNull()) {
                a.put("ignore_pattern", c.get("ignore_pattern").asText());
            }
            assertThat(Long.toUnsignedString(hash(op(a), c.get("text").asText())))
                    .as(c.get("text").asText()).isEqualTo(c.get("simhash").asText());
        }
    }

    @Test
    void aTextWithoutShinglesHashesToZero() throws Exception {
        assertThat(hash(op(Map.of()), "five words are too few")).isZero();
    }

    @Test
    void repeatedShinglesWeighMore() throws Exception {
        NearDeduplicator op = op(Map.of("window_size", 1));
        assertThat(hash(op, "a a a b")).isEqualTo(hash(op, "a"));
    }

    @Test
    void defaultBlockChoicesAreFifteenPairsOfSixBlocks() {
        long[] masks = DocumentSimhashDeduplicator.choiceMasks(6, 2);
        assertThat(masks).hasSize(15);
        // block 0 is bits [0, 10), block 1 bits [10, 21)
        assertThat(masks[0]).isEqualTo((1L << 21) - 1);
    }

    @Test
    void everyPairWithinTheDistanceSharesACandidateKey() {
        NearDeduplicator op = op(Map.of());
        Random rnd = new Random(3);
        for (int t = 0; t < 2000; t++) {
            long a = rnd.nextLong();
            long b = a;
            int flips = rnd.nextInt(5);
            for (int f = 0; f < flips; f++) {
                b ^= 1L << rnd.nextInt(64);
            }
            Set<BandKey> ka = new HashSet<>(Arrays.asList(op.candidateKeys(new long[] {a})));
            assertThat(Arrays.stream(op.candidateKeys(new long[] {b})).anyMatch(ka::contains)).isTrue();
            assertThat(op.isDuplicate(new long[] {a}, new long[] {b})).isTrue();
        }
    }

    @Test
    void twoHashesShareTheKeyOfABlockChoiceExactlyWhenTheyAgreeOnItsBlocks() {
        NearDeduplicator op = op(Map.of());
        long[] masks = DocumentSimhashDeduplicator.choiceMasks(6, 2);
        Random rnd = new Random(5);
        for (int t = 0; t < 2000; t++) {
            long a = rnd.nextLong();
            // mostly few differing bits, so that some choices agree and some do not
            long b = a ^ (rnd.nextLong() & rnd.nextLong() & rnd.nextLong() & rnd.nextLong());
            BandKey[] ka = op.candidateKeys(new long[] {a});
            BandKey[] kb = op.candidateKeys(new long[] {b});
            for (int c = 0; c < masks.length; c++) {
                assertThat(ka[c].equals(kb[c])).isEqualTo(((a ^ b) & masks[c]) == 0);
            }
        }
    }

    @Test
    void fiveDifferingBitsAreNotADuplicate() {
        assertThat(op(Map.of()).isDuplicate(new long[] {0L}, new long[] {0b11111L})).isFalse();
    }

    @Test
    void unknownTokenizationIsRefusedAsNotImplemented() {
        assertThatThrownBy(() -> op(Map.of("tokenization", "unimplemented")))
                .isInstanceOf(ParamException.class).hasMessageContaining("NotImplementedError");
    }

    @Test
    void blocksMustExceedTheHammingDistance() {
        assertThatThrownBy(() -> op(Map.of("num_blocks", 4, "hamming_distance", 4)))
                .isInstanceOf(ParamException.class).hasMessageContaining("greater than hamming_distance");
    }
}
