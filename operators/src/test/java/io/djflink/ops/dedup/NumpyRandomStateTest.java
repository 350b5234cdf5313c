package io.djflink.ops.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class NumpyRandomStateTest {

    @Test
    void minhashPermutationsEqualNumpysRandomState42Draws() {
        long[][] ab = DocumentMinhashDeduplicator.permutations(256);
        JsonNode ref = Reference.JSON.get("perms_seed42");
        assertThat(ref).hasSize(256);
        for (int i = 0; i < 256; i++) {
            assertThat(ab[0][i]).as("a[%d]", i).isEqualTo(Reference.u64(ref.get(i).get(0)));
            assertThat(ab[1][i]).as("b[%d]", i).isEqualTo(Reference.u64(ref.get(i).get(1)));
        }
    }

    @Test
    void randintUint64MatchesNumpyOverRangesOfEveryWidth() {
        NumpyRandomState rs = new NumpyRandomState(7);
        for (JsonNode c : Reference.JSON.get("randint_uint64_seed7")) {
            long low = Reference.u64(c.get("low"));
            long high = Reference.u64(c.get("high"));
            for (JsonNode v : c.get("values")) {
                assertThat(Long.toUnsignedString(rs.randintUint64(low, high)))
                        .as("randint(%s, %s)", c.get("low").asText(), c.get("high").asText())
                        .isEqualTo(v.asText());
            }
        }
    }
}
