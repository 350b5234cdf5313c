package io.djflink.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.ops.Sample;
import io.djflink.state.SampleRecord;
import io.djflink.state.SampleRecordSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ToJsonLineTest {

    private static final String JSON = "{\"id\":\"a\",\"" + Sample.SUFFIX + "\":\".jsonl\",\"text\":\"héllo 😊 \\\"q\\\"\\n\","
            + "\"" + Sample.STATS + "\":{\"text_len\":9,\"ratio\":0.25},\"meta\":{\"n\":[1,2.5,null]},\"" + Sample.META
            + "\":{\"tag\":\"x\"}}";

    @ParameterizedTest
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void aRecordReadFromStateGivesTheLineOfItsParsedSample(boolean keepStats, boolean dropSuffix) throws Exception {
        JobBuilder.ToJsonLine toJson = new JobBuilder.ToJsonLine(JobBuilder.exportDropped(keepStats, dropSuffix));
        SampleRecord read = read(new SampleRecord(0, 1L, null, Sample.parse(JSON)));
        assertThat(read.unparsedSmile()).isNotNull();

        String streamed = toJson.line(read);
        assertThat(read.unparsedSmile()).as("streaming parses nothing").isNotNull();
        SampleRecord parsed = read(new SampleRecord(0, 1L, null, Sample.parse(JSON)));
        parsed.sample();
        assertThat(parsed.unparsedSmile()).isNull();
        assertThat(streamed).isEqualTo(toJson.line(parsed));
        assertThat(streamed.contains(Sample.STATS)).isEqualTo(keepStats);
        assertThat(streamed.contains(Sample.META)).isEqualTo(keepStats);
        assertThat(streamed.contains(Sample.SUFFIX)).isEqualTo(!dropSuffix);
    }

    private static SampleRecord read(SampleRecord r) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        SampleRecordSerializer.INSTANCE.serialize(r, out);
        return SampleRecordSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
