package io.djflink.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.ops.BandKey;
import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;
import org.junit.jupiter.api.Test;

/** Flink's serializer contract (copy, round trips, snapshot and restore, duplicate) over members with and without each nullable field. */
class BandMemberSerializerTest extends SerializerTestBase<BandMember> {

    BandMemberSerializerTest() {
        super(new DeeplyEqualsChecker().withCustomCheck(
                (a, b) -> a instanceof BandMember && b instanceof BandMember,
                (a, b, checker) -> same((BandMember) a, (BandMember) b)));
    }

    private static boolean same(BandMember a, BandMember b) {
        return Objects.equals(a.key, b.key) && a.order == b.order && Objects.equals(a.id, b.id)
                && Arrays.equals(a.signature, b.signature) && a.count == b.count;
    }

    @Override
    protected TypeSerializer<BandMember> createSerializer() {
        return BandMemberSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<BandMember> getTypeClass() {
        return BandMember.class;
    }

    @Override
    protected BandMember[] getTestData() {
        return new BandMember[] {
            new BandMember(new BandKey(1, 2), 42L, "doc-1", null, 25),
            new BandMember(null, 7L, null, null),
            new BandMember(ToBandMembers.NO_KEYS, Long.MAX_VALUE, "", null, 0),
            new BandMember(new BandKey(-5, 9), -1L, "héllo 😊 \u0000", new long[] {0x0FL, -1L, Long.MIN_VALUE}, 15),
            new BandMember(null, 3L, "x".repeat(70_000), new long[0]),
        };
    }

    @Test
    void typeInfoGivesTheHandWrittenSerializerNotThePojoOne() {
        assertThat(BandMemberSerializer.TYPE.createSerializer(new SerializerConfigImpl())).isSameAs(BandMemberSerializer.INSTANCE);
    }

    @Test
    void copyDoesNotShareTheSignature() {
        BandMember m = new BandMember(new BandKey(1, 2), 1L, "a", new long[] {1, 2}, 2);
        BandMember copy = BandMemberSerializer.INSTANCE.copy(m);
        copy.signature[0] = 99;
        assertThat(m.signature[0]).isEqualTo(1);
    }
}
