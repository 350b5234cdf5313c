package io.djflink.state;

import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer of {@link SampleRecord}: the position fields, then the sample as
 * length-prefixed Jackson Smile (binary JSON, compact and quick to parse), or a record's export
 * line ({@link SampleRecord#exportLine()}) with its length complemented (negative; older state
 * never has one). Used only where the
 * graph shuffles or state is written; fused ops pass the object itself. A read record keeps the
 * Smile bytes unparsed, and a record whose sample was never parsed is written from them as they
 * are ({@link SampleRecord#unparsedSmile()}).
 */
public final class SampleRecordSerializer extends TypeSerializerSingleton<SampleRecord> {

    public static final SampleRecordSerializer INSTANCE = new SampleRecordSerializer();

    /** The type information that hands Flink this serializer instead of the Kryo fallback. */
    public static final TypeInformation<SampleRecord> TYPE = new SerializerTypeInfo<>(SampleRecord.class, INSTANCE, false);

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public SampleRecord createInstance() {
        return new SampleRecord();
    }

    @Override
    public SampleRecord copy(SampleRecord from) {
        SampleRecord r = new SampleRecord(from.source, from.position, from.key, null);
        byte[] smile = from.unparsedSmile();
        if (from.exportLine() != null) {
            // As Smile bytes, the line is never changed, so both records may read it.
            r.setExportLine(from.exportLine());
        } else if (smile != null) {
            // The bytes are never changed, so both records may read them.
            r.setSmile(smile);
        } else if (from.sample() != null) {
            r.setSample(from.sample().copy());
        }
        r.signature = from.signature == null ? null : from.signature.clone();
        return r;
    }

    @Override
    public SampleRecord copy(SampleRecord from, SampleRecord reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(SampleRecord r, DataOutputView out) throws IOException {
        out.writeInt(r.source);
        out.writeLong(r.position);
        out.writeBoolean(r.key != null);
        if (r.key != null) {
            out.writeUTF(r.key);
        }
        writeSignature(r.signature, out);
        byte[] line = r.exportLine();
        if (line != null) {
            out.writeInt(~line.length);
            out.write(line);
            return;
        }
        byte[] bytes = r.unparsedSmile();
        if (bytes == null) {
            bytes = SampleSmile.encode(r.sample());
        }
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    @Override
    public SampleRecord deserialize(DataInputView in) throws IOException {
        SampleRecord r = new SampleRecord();
        r.source = in.readInt();
        r.position = in.readLong();
        r.key = in.readBoolean() ? in.readUTF() : null;
        int n = in.readInt();
        if (n >= 0) {
            r.signature = new long[n];
            for (int i = 0; i < n; i++) {
                r.signature[i] = in.readLong();
            }
        }
        int length = in.readInt();
        byte[] bytes = new byte[length < 0 ? ~length : length];
        in.readFully(bytes);
        if (length < 0) {
            r.setExportLine(bytes);
        } else {
            r.setSmile(bytes);
        }
        return r;
    }

    @Override
    public SampleRecord deserialize(SampleRecord reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        out.writeInt(in.readInt());
        out.writeLong(in.readLong());
        boolean hasKey = in.readBoolean();
        out.writeBoolean(hasKey);
        if (hasKey) {
            out.writeUTF(in.readUTF());
        }
        int n = in.readInt();
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            out.writeLong(in.readLong());
        }
        int length = in.readInt();
        byte[] bytes = new byte[length < 0 ? ~length : length];
        in.readFully(bytes);
        out.writeInt(length);
        // Not out.write(in, len): some output views refuse to grow for a view-to-view copy.
        out.write(bytes);
    }

    private static void writeSignature(long[] sig, DataOutputView out) throws IOException {
        if (sig == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(sig.length);
        for (long v : sig) {
            out.writeLong(v);
        }
    }

    @Override
    public TypeSerializerSnapshot<SampleRecord> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the singleton; the format carries no configuration. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SampleRecord> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
