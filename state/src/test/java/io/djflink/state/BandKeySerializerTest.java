package io.djflink.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.ops.BandKey;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.shaded.guava33.com.google.common.hash.Hashing;
import org.junit.jupiter.api.Test;

/** Flink's serializer contract (copy, round trips, snapshot and restore, duplicate), plus the key's own properties. */
class BandKeySerializerTest extends SerializerTestBase<BandKey> {

    @Override
    protected TypeSerializer<BandKey> createSerializer() {
        return BandKeySerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return 16;
    }

    @Override
    protected Class<BandKey> getTypeClass() {
        return BandKey.class;
    }

    @Override
    protected BandKey[] getTestData() {
        return new BandKey[] {new BandKey(0, 0), new BandKey(-1, -1), new BandKey(3, 0x1234_5678_9abcL),
                new BandKey(Long.MIN_VALUE, Long.MAX_VALUE), BandKey.hash(7, new long[] {1, 2, 3}, 0, 3)};
    }

    @Test
    void equalKeysSerializeToEqualBytes() throws Exception {
        // RocksDB finds a key by its bytes
        DataOutputSerializer a = new DataOutputSerializer(16);
        DataOutputSerializer b = new DataOutputSerializer(16);
        BandKeySerializer.INSTANCE.serialize(new BandKey(5, 6), a);
        BandKeySerializer.INSTANCE.serialize(new BandKey(5, 6), b);
        assertThat(a.getCopyOfBuffer()).hasSize(16).isEqualTo(b.getCopyOfBuffer());
    }

    @Test
    void typeInfoIsAKeyTypeWithTheDedicatedSerializer() {
        assertThat(BandKeySerializer.TYPE.isKeyType()).isTrue();
        assertThat(BandKeySerializer.TYPE.createSerializer(new SerializerConfigImpl())).isSameAs(BandKeySerializer.INSTANCE);
    }

    @Test
    void theBandHashIsMurmurHash3OfTheWordsAsGuavaComputesIt() {
        // an independent implementation of the same function (Guava's, shaded into Flink)
        Random rnd = new Random(1);
        for (int t = 0; t < 5000; t++) {
            int n = rnd.nextInt(13);
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                v[i] = rnd.nextInt() & 0xFFFFFFFFL;
            }
            int tag = rnd.nextInt(300);
            ByteBuffer words = ByteBuffer.allocate(8 * (1 + (n + 1) / 2)).order(ByteOrder.LITTLE_ENDIAN);
            words.putLong((long) tag << 32 | n);
            for (int i = 0; i < n; i += 2) {
                words.putLong(v[i] << 32 | (i + 1 < n ? v[i + 1] : 0));
            }
            ByteBuffer h = ByteBuffer.wrap(Hashing.murmur3_128(0x5bd1e995).hashBytes(words.array()).asBytes())
                    .order(ByteOrder.LITTLE_ENDIAN);
            assertThat(BandKey.hash(tag, v, 0, n)).isEqualTo(new BandKey(h.getLong(), h.getLong()));
        }
    }
}
