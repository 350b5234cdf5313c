package io.djflink.ops.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.ops.OpFactory;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.ParamException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DedupTtlTest {

    private static Duration ttl(String op, Object value) {
        OpFactory f = OpRegistry.get().factory(op);
        return DedupTtl.of(f.bind(value == null ? Map.of() : Map.of("dedup_ttl", value)));
    }

    @Test
    void unitsAndPlainSecondsAreRead() {
        assertThat(ttl("document_deduplicator", "7d")).isEqualTo(Duration.ofDays(7));
        assertThat(ttl("document_minhash_deduplicator", "12h")).isEqualTo(Duration.ofHours(12));
        assertThat(ttl("document_simhash_deduplicator", "30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(ttl("document_deduplicator", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ttl("document_deduplicator", 45)).isEqualTo(Duration.ofSeconds(45));
        assertThat(ttl("document_deduplicator", "90")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void unsetMeansForever() {
        assertThat(ttl("document_deduplicator", null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "0", "-5s", "1.5h", "7 days", "99999999999999999999d"})
    void aValueThatIsNotAPositiveDurationIsRefusedWhenTheOpIsCreated(String value) {
        OpFactory f = OpRegistry.get().factory("document_deduplicator");
        assertThatThrownBy(() -> f.create(Map.of("dedup_ttl", value)))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("dedup_ttl")
                .hasMessageContaining("not a positive duration");
    }
}
