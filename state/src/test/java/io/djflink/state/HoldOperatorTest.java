package io.djflink.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.ops.Sample;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

class HoldOperatorTest {

    private static final OutputTag<String> TRACE = new OutputTag<>("trace", Types.STRING);
    private static final OutputTag<String> COUNTS = new OutputTag<>("counts", Types.STRING);

    @Test
    void survivorsGoOutAndDuplicatesAreTracedOnlyOnceBothInputsHaveEnded() throws Exception {
        try (var h = harness(new HoldOperator("03-x", TRACE, "duplicate-x", COUNTS))) {
            h.open();
            h.processElement1(rec(1, "first"), 10);
            h.processElement1(rec(2, "copy of first"), 10);
            h.processElement1(rec(3, "other"), 10);
            h.processElement2(traced(2, 1), 10);
            h.processWatermark1(new Watermark(Long.MAX_VALUE));
            h.endInput1();
            h.processWatermark2(new Watermark(Long.MAX_VALUE));
            assertThat(h.getOutput()).as("nothing, not even the final watermark, before the verdicts end").isEmpty();
            h.endInput2();

            List<Object> out = new ArrayList<>(h.getOutput());
            assertThat(texts(out)).containsExactlyInAnyOrder("first", "other");
            assertThat(out.get(out.size() - 1)).as("the final watermark follows the released samples")
                    .isEqualTo(new Watermark(Long.MAX_VALUE));
            assertThat(side(h, TRACE)).singleElement().satisfies(t -> assertThat(t)
                    .startsWith("duplicate-x\t").contains("\"id\":\"s1\"").contains("copy of first"));
            assertThat(side(h, COUNTS)).containsExactlyInAnyOrder("op.03-x.kept\t2", "op.03-x.duplicates\t1");
        }
    }

    @Test
    void untracedDuplicatesAreDroppedSilently() throws Exception {
        try (var h = harness(new HoldOperator("03-x", TRACE, "duplicate-x", COUNTS))) {
            h.open();
            h.processElement1(rec(1, "first"), 10);
            h.processElement1(rec(2, "copy"), 10);
            h.processElement2(new NearDupVerdict(2, 1, "s1", Double.NaN), 10);
            h.endInput1();
            h.endInput2();
            assertThat(texts(new ArrayList<>(h.getOutput()))).containsExactly("first");
            assertThat(side(h, TRACE)).isEmpty();
        }
    }

    @Test
    void keptSamplesLeaveUnparsed() throws Exception {
        try (var h = harness(new HoldOperator("03-x", TRACE, "duplicate-x", COUNTS))) {
            h.open();
            h.processElement1(rec(1, "first"), 10);
            h.processElement1(rec(2, "copy"), 10);
            h.processElement2(traced(2, 1), 10);
            h.endInput1();
            h.endInput2();
            List<SampleRecord> kept = new ArrayList<>();
            h.getOutput().forEach(o -> kept.add((SampleRecord) ((StreamRecord<?>) o).getValue()));
            assertThat(kept).singleElement().satisfies(r -> {
                assertThat(r.unparsedSmile()).as("the export streams it from its bytes").isNotNull();
                assertThat(r.sample().text("text")).isEqualTo("first");
            });
        }
    }

    private static NearDupVerdict traced(long order, long survivor) {
        NearDupVerdict v = new NearDupVerdict(order, survivor, "s" + survivor, 0.9);
        v.traced = true;
        return v;
    }

    private static SampleRecord rec(long position, String text) {
        SampleRecord r = new SampleRecord(0, position, null, Sample.ofText("text", text));
        r.signature = new long[] {1};
        return r;
    }

    private static KeyedTwoInputStreamOperatorTestHarness<Long, SampleRecord, NearDupVerdict, SampleRecord> harness(
            HoldOperator op) throws Exception {
        var h = new KeyedTwoInputStreamOperatorTestHarness<>(op, SampleRecord::order, (NearDupVerdict v) -> v.order, Types.LONG);
        h.setStateBackend(new EmbeddedRocksDBStateBackend());
        return h;
    }

    private static List<String> side(KeyedTwoInputStreamOperatorTestHarness<Long, SampleRecord, NearDupVerdict, SampleRecord> h,
            OutputTag<String> tag) {
        List<String> out = new ArrayList<>();
        var records = h.getSideOutput(tag);
        if (records != null) {
            for (StreamRecord<String> r : records) {
                out.add(r.getValue());
            }
        }
        return out;
    }

    private static List<String> texts(List<Object> out) {
        List<String> texts = new ArrayList<>();
        for (Object o : out) {
            if (o instanceof StreamRecord) {
                texts.add(((SampleRecord) ((StreamRecord<?>) o).getValue()).sample().text("text"));
            }
        }
        return texts;
    }
}
