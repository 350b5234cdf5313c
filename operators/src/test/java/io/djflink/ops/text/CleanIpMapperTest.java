package io.djflink.ops.text;

import static io.djflink.ops.text.MapperTestSupport.mapper;
import static io.djflink.ops.text.MapperTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CleanIpMapperTest {

    @Test
    void octetAbove255IsCutShort() throws Exception {
        // Unanchored, as in Data-Juicer: "256.1.1.1" still contains "56.1.1.1".
        assertThat(run(mapper("clean_ip_mapper"), "256.1.1.1")).isEqualTo("2");
    }

    @Test
    void fullIpv6IsRemovedButShorthandIsNot() throws Exception {
        assertThat(run(mapper("clean_ip_mapper"), "a fe80:0:0:0:0:0:0:1 b ::1")).isEqualTo("a  b ::1");
    }

    @Test
    void templateCanReferToTheIpv6Group() throws Exception {
        var m = mapper("clean_ip_mapper", Map.of("repl", "<\\1>"));
        assertThat(run(m, "1:2:3:4:5:6:7:8")).isEqualTo("<7:>");
    }

    @Test
    void textWithoutAddressIsUnchanged() throws Exception {
        assertThat(run(mapper("clean_ip_mapper"), "version 1.2.3")).isEqualTo("version 1.2.3");
    }
}
