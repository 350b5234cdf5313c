package io.djflink.ops.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class BandOptimizerTest {

    @Test
    void defaultThresholdGivesTwentyFiveBandsOfTenRows() {
        assertThat(BandOptimizer.optimal(0.7, 256)).containsExactly(25, 10);
    }

    @Test
    void choicesMatchScipyQuadOnTheReferenceExamples() {
        for (JsonNode c : Reference.JSON.get("band_optimizer")) {
            assertThat(BandOptimizer.optimal(c.get("threshold").asDouble(), c.get("num_perm").asInt()))
                    .as("threshold %s, %s permutations", c.get("threshold"), c.get("num_perm"))
                    .containsExactly(c.get("bands").asInt(), c.get("rows").asInt());
        }
    }

    @Test
    void integralOfAPolynomialIsExact() {
        assertThat(BandOptimizer.integrate(s -> s * s, 0.0, 0.7)).isCloseTo(0.7 * 0.7 * 0.7 / 3, org.assertj.core.data.Offset.offset(1e-15));
    }
}
