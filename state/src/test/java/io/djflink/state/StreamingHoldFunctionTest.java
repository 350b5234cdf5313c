package io.djflink.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.ops.Sample;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

class StreamingHoldFunctionTest {

    private static final OutputTag<String> TRACE = new OutputTag<>("trace", Types.STRING);

    @Test
    void aSampleIsReleasedWhenAllItsAnswersSayUniqueInAnyOrder() throws Exception {
        try (var h = harness(new StreamingHoldFunction("03-x", TRACE, "duplicate-x", 10))) {
            h.open();
            h.processElement2(unique(1, 2), 10);
            h.processElement1(rec(1, "answers first"), 10);
            assertThat(texts(h)).isEmpty();
            h.processElement2(unique(1, 2), 10);
            h.processElement1(rec(2, "sample first"), 10);
            h.processElement2(unique(2, 2), 10);
            assertThat(texts(h)).containsExactly("answers first");
            assertThat(keys(h, "held")).isEqualTo(1);
            h.processElement2(unique(2, 2), 10);
            assertThat(texts(h)).containsExactly("answers first", "sample first");
            assertThat(keys(h, "held") + keys(h, "answers")).as("nothing left once decided").isZero();
            assertThat(((StreamRecord<?>) h.getOutput().peek()).getTimestamp()).isEqualTo(10);
        }
    }

    @Test
    void oneDuplicateAnswerDropsTheSampleAndTracesTheEarliestSurvivor() throws Exception {
        StreamingHoldFunction fn = new StreamingHoldFunction("03-x", TRACE, "duplicate-x", 10);
        try (var h = harness(fn)) {
            h.open();
            h.processElement1(rec(9, "copy"), 10);
            h.processElement2(dup(9, 3, 7, 0.9), 10);
            h.processElement2(unique(9, 3), 10);
            h.processElement2(dup(9, 3, 4, 0.8), 10);
            assertThat(texts(h)).isEmpty();
            assertThat(h.getSideOutput(TRACE)).singleElement().asString()
                    .contains("\"id\":\"s4\"").contains("\"similarity\":0.8").contains("copy");
            assertThat(fn.finalCounts()).containsEntry("op.03-x.duplicates", 1L).containsEntry("op.03-x.kept", 0L);
        }
    }

    @Test
    void aSampleSomeBucketDecidedLateIsCountedOnce() throws Exception {
        StreamingHoldFunction fn = new StreamingHoldFunction("03-x", TRACE, null, 0);
        try (var h = harness(fn)) {
            h.open();
            h.processElement1(rec(1, "late"), 5);
            NearDupAnswer late = unique(1, 2);
            late.late = true;
            h.processElement2(late, 5);
            h.processElement2(late, 5);
            assertThat(texts(h)).containsExactly("late");
            assertThat(fn.finalCounts()).containsEntry("op.03-x.late", 1L).containsEntry("op.03-x.kept", 1L);
        }
    }

    @Test
    void aHeldSampleAndItsAnswersSurviveASnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(new StreamingHoldFunction("03-x", TRACE, null, 0))) {
            h.open();
            h.processElement1(rec(1, "kept"), 10);
            h.processElement2(unique(1, 2), 10);
            h.processElement1(rec(2, "dropped"), 10);
            h.processElement2(dup(2, 2, 1, Double.NaN), 10);
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(new StreamingHoldFunction("03-x", TRACE, null, 0))) {
            h.initializeState(snapshot);
            h.open();
            h.processElement2(unique(1, 2), 10);
            h.processElement2(unique(2, 2), 10);
            assertThat(texts(h)).containsExactly("kept");
        }
    }

    private static long keys(KeyedTwoInputStreamOperatorTestHarness<Long, SampleRecord, NearDupAnswer, SampleRecord> h, String state)
            throws Exception {
        try (var keys = ((AbstractStreamOperator<?>) h.getOperator()).getKeyedStateBackend().getKeys(state, VoidNamespace.INSTANCE)) {
            return keys.count();
        }
    }

    private static NearDupAnswer unique(long order, int count) {
        return NearDupAnswer.unique(order, count, false);
    }

    private static NearDupAnswer dup(long order, int count, long survivor, double similarity) {
        return NearDupAnswer.duplicateOf(order, count, false, survivor, "s" + survivor, similarity);
    }

    private static SampleRecord rec(long position, String text) {
        SampleRecord r = new SampleRecord(0, position, null, Sample.ofText("text", text));
        r.signature = new long[] {1};
        return r;
    }

    private static KeyedTwoInputStreamOperatorTestHarness<Long, SampleRecord, NearDupAnswer, SampleRecord> harness(
            StreamingHoldFunction fn) throws Exception {
        var h = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(fn),
                SampleRecord::order, (NearDupAnswer a) -> a.order, Types.LONG);
        h.setStateBackend(new EmbeddedRocksDBStateBackend());
        return h;
    }

    private static List<String> texts(KeyedTwoInputStreamOperatorTestHarness<Long, SampleRecord, NearDupAnswer, SampleRecord> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord) {
                out.add(((SampleRecord) ((StreamRecord<?>) o).getValue()).sample().text("text"));
            }
        }
        return out;
    }
}
