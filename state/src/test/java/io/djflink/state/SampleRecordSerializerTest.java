package io.djflink.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.ops.Sample;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class SampleRecordSerializerTest {

    private static final String JSON =
            "{\"id\":\"x1\",\"text\":\"héllo 😊 \\n\\u0000 wörld\",\"meta\":{\"n\":3,\"f\":1.5,\"l\":[true,null]},"
                    + "\"__dj__stats__\":{\"text_len\":12}}";

    @Test
    void roundTripKeepsEveryFieldAndOrder() throws Exception {
        SampleRecord in = new SampleRecord(3, 42L, "abc", Sample.parse(JSON));
        SampleRecord out = roundTrip(SampleRecordSerializer.INSTANCE, in);
        assertThat(out.source).isEqualTo(3);
        assertThat(out.position).isEqualTo(42L);
        assertThat(out.key).isEqualTo("abc");
        assertThat(out.sample().toJson()).isEqualTo(Sample.parse(JSON).toJson());
    }

    @Test
    void nullKeyRoundTrips() throws Exception {
        SampleRecord out = roundTrip(SampleRecordSerializer.INSTANCE, new SampleRecord(0, 1L, null, Sample.parse("{\"text\":\"a\"}")));
        assertThat(out.key).isNull();
    }

    @Test
    void copyBetweenViewsPreservesBytes() throws Exception {
        SampleRecord in = new SampleRecord(1, 7L, "k", Sample.parse(JSON));
        DataOutputSerializer first = new DataOutputSerializer(64);
        SampleRecordSerializer.INSTANCE.serialize(in, first);
        DataOutputSerializer second = new DataOutputSerializer(64);
        SampleRecordSerializer.INSTANCE.copy(new DataInputDeserializer(first.getCopyOfBuffer()), second);
        assertThat(second.getCopyOfBuffer()).isEqualTo(first.getCopyOfBuffer());
    }

    @Test
    void copyIsDeep() {
        SampleRecord in = new SampleRecord(1, 7L, "k", Sample.parse(JSON));
        SampleRecord copy = SampleRecordSerializer.INSTANCE.copy(in);
        copy.sample().setText("text", "changed");
        assertThat(in.sample().text("text")).startsWith("héllo");
    }

    @Test
    void aReadRecordKeepsItsSampleUnparsedAndIsWrittenBackByteForByte() throws Exception {
        SampleRecord in = new SampleRecord(3, 42L, "abc", Sample.parse(JSON));
        in.signature = new long[] {5, 6};
        byte[] first = bytes(in);
        SampleRecord read = read(first);
        assertThat(read.unparsedSmile()).isNotNull();
        assertThat(read.signature).containsExactly(5, 6);
        assertThat(bytes(read)).isEqualTo(first);
        assertThat(read.toString()).contains("héllo");
        assertThat(read.unparsedSmile()).as("neither writing nor printing parses").isNotNull();
    }

    @Test
    void aSampleChangedAfterReadingIsWrittenNotTheBytesItWasReadFrom() throws Exception {
        SampleRecord read = read(bytes(new SampleRecord(1, 7L, null, Sample.parse(JSON))));
        read.sample().setText("text", "changed");
        assertThat(read.unparsedSmile()).as("parsing drops the bytes").isNull();
        assertThat(read(bytes(read)).sample().text("text")).isEqualTo("changed");
    }

    @Test
    void aReplacedSampleIsWrittenNotTheBytesOfTheOldOne() throws Exception {
        SampleRecord read = read(bytes(new SampleRecord(1, 7L, null, Sample.parse(JSON))));
        read.setSample(Sample.ofText("text", "new"));
        assertThat(read(bytes(read)).sample().toJson()).isEqualTo("{\"text\":\"new\"}");
    }

    @Test
    void copyOfAnUnparsedRecordSharesTheBytesAndParsesNothing() throws Exception {
        SampleRecord read = read(bytes(new SampleRecord(1, 7L, "k", Sample.parse(JSON))));
        SampleRecord copy = SampleRecordSerializer.INSTANCE.copy(read);
        assertThat(copy.unparsedSmile()).isSameAs(read.unparsedSmile());
        copy.sample().setText("text", "changed");
        assertThat(read.unparsedSmile()).as("the original stays unparsed").isNotNull();
        assertThat(read.sample().text("text")).startsWith("héllo");
    }

    @Test
    void withoutSignatureKeepsTheSampleAsItIs() throws Exception {
        SampleRecord read = read(bytes(new SampleRecord(1, 7L, "k", Sample.parse(JSON))));
        read.signature = new long[] {1, 2};
        SampleRecord unsigned = read.withoutSignature();
        assertThat(unsigned.signature).isNull();
        assertThat(read.signature).containsExactly(1, 2);
        assertThat(unsigned.unparsedSmile()).isSameAs(read.unparsedSmile());
        assertThat(unsigned.order()).isEqualTo(read.order());
        assertThat(unsigned.key).isEqualTo("k");
        assertThat(bytes(unsigned)).hasSizeLessThan(bytes(read).length);
    }

    @Test
    void anExportLineRoundTripsAsItsBytesAndReadsBackAsASample() throws Exception {
        SampleRecord sampled = new SampleRecord(3, 42L, "abc", Sample.parse(JSON));
        sampled.signature = new long[] {5};
        byte[] line = Sample.parse(JSON).toJson(java.util.Set.of(Sample.STATS)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        SampleRecord in = sampled.withExportLine(line);
        assertThat(in.signature).isNull();
        assertThat(in.unparsedSmile()).isNull();
        byte[] first = bytes(in);
        SampleRecord read = read(first);
        assertThat(read.exportLine()).isEqualTo(line);
        assertThat(read.unparsedSmile()).isNull();
        assertThat(new long[] {read.source, read.position}).containsExactly(3, 42);
        assertThat(read.key).isEqualTo("abc");
        assertThat(bytes(read)).as("written back as read").isEqualTo(first);
        assertThat(bytes(SampleRecordSerializer.INSTANCE.copy(read))).isEqualTo(first);
        DataOutputSerializer copied = new DataOutputSerializer(64);
        SampleRecordSerializer.INSTANCE.copy(new DataInputDeserializer(first), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(first);
        assertThat(read.withoutSignature().exportLine()).isEqualTo(line);
        // a traced duplicate is read back: the line parses to the sample without the dropped field
        assertThat(read.sample().toJson()).isEqualTo("{\"id\":\"x1\",\"text\":\"héllo 😊 \\n\\u0000 wörld\",\"meta\":{\"n\":3,\"f\":1.5,\"l\":[true,null]}}");
        assertThat(read.exportLine()).as("parsed, the line is dropped").isNull();
    }

    @Test
    void snapshotRestoresACompatibleSerializer() throws Exception {
        TypeSerializerSnapshot<SampleRecord> snap = SampleRecordSerializer.INSTANCE.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(16);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snap);
        TypeSerializerSnapshot<SampleRecord> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(read.restoreSerializer()).isSameAs(SampleRecordSerializer.INSTANCE);
        assertThat(SampleRecordSerializer.INSTANCE.snapshotConfiguration()
                        .resolveSchemaCompatibility(read).isCompatibleAsIs()).isTrue();
    }

    @Test
    void typeInfoGivesTheDedicatedSerializerNotKryo() {
        assertThat(SampleRecordSerializer.TYPE.createSerializer(new org.apache.flink.api.common.serialization.SerializerConfigImpl()))
                .isSameAs(SampleRecordSerializer.INSTANCE);
    }

    private static byte[] bytes(SampleRecord r) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        SampleRecordSerializer.INSTANCE.serialize(r, out);
        return out.getCopyOfBuffer();
    }

    private static SampleRecord read(byte[] bytes) throws Exception {
        return SampleRecordSerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes));
    }

    private static <T> T roundTrip(TypeSerializer<T> s, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        s.serialize(value, out);
        return s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
