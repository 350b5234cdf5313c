package io.djflink.ops.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.Test;

class XxHash64Test {

    @Test
    void knownVectorsOfTheSpecification() {
        assertThat(XxHash64.hash(new byte[0], 0, 0, 0)).isEqualTo(0xEF46DB3751D8E999L);
        byte[] abc = "abc".getBytes(StandardCharsets.UTF_8);
        assertThat(XxHash64.hash(abc, 0, 3, 0)).isEqualTo(0x44BC2CF5AD770999L);
    }

    @Test
    void agreesWithLz4JavaOnEveryLengthAndOffset() {
        var ref = XXHashFactory.safeInstance().hash64();
        Random rnd = new Random(1);
        byte[] buf = new byte[300];
        rnd.nextBytes(buf);
        for (int len = 0; len < 200; len++) {
            for (int off : new int[] {0, 3, 77}) {
                long seed = len % 2 == 0 ? 0 : rnd.nextLong();
                assertThat(XxHash64.hash(buf, off, len, seed)).as("len %d off %d", len, off)
                        .isEqualTo(ref.hash(buf, off, len, seed));
            }
        }
    }
}
