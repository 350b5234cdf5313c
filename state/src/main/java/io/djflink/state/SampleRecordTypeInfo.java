package io.djflink.state;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information that gives Flink {@link SampleRecordSerializer} instead of the Kryo fallback. */
public final class SampleRecordTypeInfo extends TypeInformation<SampleRecord> {

    public static final SampleRecordTypeInfo INSTANCE = new SampleRecordTypeInfo();

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<SampleRecord> getTypeClass() {
        return SampleRecord.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<SampleRecord> createSerializer(SerializerConfig config) {
        return SampleRecordSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "SampleRecord";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof SampleRecordTypeInfo;
    }

    @Override
    public int hashCode() {
        return SampleRecordTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof SampleRecordTypeInfo;
    }
}
