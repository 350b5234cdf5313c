package io.djflink.state;

import io.djflink.ops.BandKey;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer of {@link BandKey}: its two longs, 16 bytes. Fixed-width and deterministic, as
 * a RocksDB key must be (RocksDB compares keys by their bytes).
 */
public final class BandKeySerializer extends TypeSerializerSingleton<BandKey> {

    public static final BandKeySerializer INSTANCE = new BandKeySerializer();

    /** The type information of band keys: keys of the candidate-bucket stages. */
    public static final TypeInformation<BandKey> TYPE = new SerializerTypeInfo<>(BandKey.class, INSTANCE, true);

    private static final int LENGTH = 16;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public BandKey createInstance() {
        return new BandKey(0, 0);
    }

    @Override
    public BandKey copy(BandKey from) {
        return from;
    }

    @Override
    public BandKey copy(BandKey from, BandKey reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return LENGTH;
    }

    @Override
    public void serialize(BandKey key, DataOutputView out) throws IOException {
        out.writeLong(key.hi());
        out.writeLong(key.lo());
    }

    @Override
    public BandKey deserialize(DataInputView in) throws IOException {
        return new BandKey(in.readLong(), in.readLong());
    }

    @Override
    public BandKey deserialize(BandKey reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        // not out.write(in, LENGTH): DataOutputSerializer does not grow for a view-to-view copy
        out.writeLong(in.readLong());
        out.writeLong(in.readLong());
    }

    @Override
    public TypeSerializerSnapshot<BandKey> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the singleton; the format carries no configuration. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<BandKey> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
