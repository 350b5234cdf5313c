package io.djflink.ops.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.ops.NearDeduplicator;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.ParamException;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentMinhashDeduplicatorTest {

    static NearDeduplicator op(Map<String, Object> args) {
        return (NearDeduplicator) OpRegistry.get().factory("document_minhash_deduplicator").create(args);
    }

    static long[] sig(NearDeduplicator op, String text) throws Exception {
        return op.signature(Sample.ofText("text", text), new SampleContext());
    }

    private static Map<String, Object> args(JsonNode c) {
        Map<String, Object> a = new HashMap<>();
        a.put("tokenization", c.get("tokenization").asText());
        a.put("window_size", c.get("window_size").asInt());
        a.put("lowercase", c.get("lowercase").asBoolean());
        if (!c.get("ignore_pattern").isNull()) {
            a.put("ignore_pattern", c.get("ignore_pattern").asText());
        }
        return a;
    }

    @Test
    void signaturesAreBitIdenticalToTheNumpyReference() throws Exception {
        for (JsonNode c : Reference.JSON.get("signatures")) {
            long[] got = sig(op(args(c)), c.get("text").asText());
            JsonNode want = c.get("minhash");
            assertThat(got).as(c.get("text").asText()).hasSize(256);
            for (int i = 0; i < 256; i++) {
                assertThat(got[i]).as("%s: value %d", c.get("text").asText(), i).isEqualTo(want.get(i).asLong());
            }
        }
    }

    @Test
    void aTextWithFewerTokensThanTheWindowHasNoSignature() {
        NearDeduplicator op = op(Map.of());
        assertThatThrownBy(() -> sig(op, "only four words here")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fewer tokens than window_size");
    }

    @Test
    void defaultsUseTwentyFiveBandsOfTenRowsAsCandidateKeys() throws Exception {
        NearDeduplicator op = op(Map.of());
        String[] keys = op.candidateKeys(sig(op, "one two three four five six"));
        assertThat(keys).hasSize(25);
        assertThat(keys[0]).hasSize(2 + 40);
    }

    @Test
    void bandKeysHoldTheBandIndexThenBigEndianValues() {
        NearDeduplicator op = op(Map.of("num_bands", 2, "num_rows_per_band", 1, "num_permutations", 2));
        String[] keys = op.candidateKeys(new long[] {0x01020304L, 0xA0B0C0D0L});
        assertThat(keys).containsExactly("\u0000\u0000\u0001\u0002\u0003\u0004", "\u0000\u0001\u00a0\u00b0\u00c0\u00d0");
    }

    @Test
    void samplesSharingOneBandAreDuplicates() {
        NearDeduplicator op = op(Map.of("num_bands", 2, "num_rows_per_band", 2, "num_permutations", 4));
        assertThat(op.isDuplicate(new long[] {1, 2, 3, 4}, new long[] {9, 9, 3, 4})).isTrue();
        assertThat(op.isDuplicate(new long[] {1, 2, 3, 4}, new long[] {1, 9, 3, 9})).isFalse();
        assertThat(op.similarity(new long[] {1, 2, 3, 4}, new long[] {1, 9, 3, 9})).isEqualTo(0.5);
    }

    @Test
    void xxh64HashFuncGivesOtherSignaturesOfTheSameShape() throws Exception {
        String text = "the quick brown fox jumps over the lazy dog again and again";
        long[] sha1 = sig(op(Map.of()), text);
        long[] xxh = sig(op(Map.of("hash_func", "xxh64")), text);
        assertThat(xxh).hasSize(256).isNotEqualTo(sha1);
    }

    @Test
    void sentencepieceWithoutAModelIsRefusedAtConstruction() {
        assertThatThrownBy(() -> op(Map.of("tokenization", "sentencepiece")))
                .isInstanceOf(ParamException.class).hasMessageContaining("tokenizer_model");
    }

    @Test
    void bandsTimesRowsBeyondThePermutationsIsRefused() {
        assertThatThrownBy(() -> op(Map.of("num_bands", 30, "num_rows_per_band", 10)))
                .isInstanceOf(ParamException.class).hasMessageContaining("exceeds num_permutations");
    }

    @Test
    void unknownTokenizationIsRefused() {
        assertThatThrownBy(() -> op(Map.of("tokenization", "words"))).isInstanceOf(ParamException.class);
    }
}
