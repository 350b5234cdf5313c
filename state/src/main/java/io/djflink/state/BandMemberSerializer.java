package io.djflink.state;

import io.djflink.ops.BandKey;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink serializer of {@link BandMember}, on the wire to the bucket stage and in its state: a flag
 * byte saying which nullable fields follow, the key (16 bytes), the order, the id, the signature
 * (length and longs) and the count. Written by hand: the reflective POJO serializer it replaces
 * was a visible share of the bucket stage's CPU.
 */
public final class BandMemberSerializer extends TypeSerializerSingleton<BandMember> {

    public static final BandMemberSerializer INSTANCE = new BandMemberSerializer();

    /** The type information of band members. */
    public static final TypeInformation<BandMember> TYPE = new SerializerTypeInfo<>(BandMember.class, INSTANCE, false);

    private static final int HAS_KEY = 1;
    private static final int HAS_ID = 2;
    private static final int HAS_SIGNATURE = 4;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public BandMember createInstance() {
        return new BandMember();
    }

    @Override
    public BandMember copy(BandMember from) {
        // the key is immutable and the id a String: only the signature needs its own copy
        return new BandMember(from.key, from.order, from.id, from.signature == null ? null : from.signature.clone(),
                from.count);
    }

    @Override
    public BandMember copy(BandMember from, BandMember reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(BandMember m, DataOutputView out) throws IOException {
        out.writeByte((m.key != null ? HAS_KEY : 0) | (m.id != null ? HAS_ID : 0) | (m.signature != null ? HAS_SIGNATURE : 0));
        if (m.key != null) {
            out.writeLong(m.key.hi());
            out.writeLong(m.key.lo());
        }
        out.writeLong(m.order);
        if (m.id != null) {
            StringValue.writeString(m.id, out);
        }
        if (m.signature != null) {
            out.writeInt(m.signature.length);
            for (long v : m.signature) {
                out.writeLong(v);
            }
        }
        out.writeInt(m.count);
    }

    @Override
    public BandMember deserialize(DataInputView in) throws IOException {
        int flags = in.readByte();
        BandMember m = new BandMember();
        if ((flags & HAS_KEY) != 0) {
            m.key = new BandKey(in.readLong(), in.readLong());
        }
        m.order = in.readLong();
        if ((flags & HAS_ID) != 0) {
            m.id = StringValue.readString(in);
        }
        if ((flags & HAS_SIGNATURE) != 0) {
            long[] sig = new long[in.readInt()];
            for (int i = 0; i < sig.length; i++) {
                sig[i] = in.readLong();
            }
            m.signature = sig;
        }
        m.count = in.readInt();
        return m;
    }

    @Override
    public BandMember deserialize(BandMember reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        // long by long, not out.write(in, n): DataOutputSerializer does not grow for a view-to-view copy
        int flags = in.readByte();
        out.writeByte(flags);
        if ((flags & HAS_KEY) != 0) {
            out.writeLong(in.readLong());
            out.writeLong(in.readLong());
        }
        out.writeLong(in.readLong());
        if ((flags & HAS_ID) != 0) {
            StringValue.copyString(in, out);
        }
        if ((flags & HAS_SIGNATURE) != 0) {
            int n = in.readInt();
            out.writeInt(n);
            for (int i = 0; i < n; i++) {
                out.writeLong(in.readLong());
            }
        }
        out.writeInt(in.readInt());
    }

    @Override
    public TypeSerializerSnapshot<BandMember> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the singleton; the format carries no configuration. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<BandMember> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
