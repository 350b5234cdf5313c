package io.djflink.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.ops.Sample;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

class ExactDedupFunctionTest {

    private static final OutputTag<String> TRACE = new OutputTag<>("trace", Types.STRING);

    @Test
    void earliestModeKeepsTheEarliestRecordWhateverTheArrivalOrder() throws Exception {
        try (var h = harness(ExactDedupFunction.Mode.EARLIEST)) {
            h.open();
            h.processElement(rec(0, 9, "a", "late copy"), 0);
            h.processElement(rec(0, 2, "a", "early"), 0);
            h.processElement(rec(0, 5, "a", "middle copy"), 0);
            h.processElement(rec(1, 0, "b", "other"), 0);
            assertThat(texts(h)).isEmpty();
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(texts(h)).containsExactlyInAnyOrder("early", "other");
            assertThat(h.getSideOutput(TRACE)).hasSize(2);
        }
    }

    @Test
    void firstArrivalModeReleasesAtOnceAndDropsLaterCopies() throws Exception {
        try (var h = harness(ExactDedupFunction.Mode.FIRST_ARRIVAL)) {
            h.open();
            h.processElement(rec(0, 9, "a", "first to arrive"), 0);
            h.processElement(rec(0, 2, "a", "copy"), 0);
            assertThat(texts(h)).containsExactly("first to arrive");
        }
    }

    @Test
    void dedupStateSurvivesASnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(ExactDedupFunction.Mode.FIRST_ARRIVAL)) {
            h.open();
            h.processElement(rec(0, 1, "a", "one"), 0);
            h.processElement(rec(0, 2, "b", "two"), 0);
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(ExactDedupFunction.Mode.FIRST_ARRIVAL)) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(rec(0, 3, "a", "copy of one after restore"), 0);
            h.processElement(rec(0, 4, "c", "three"), 0);
            assertThat(texts(h)).containsExactly("three");
        }
    }

    @Test
    void earliestModeKeepsPendingSurvivorsAcrossRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(ExactDedupFunction.Mode.EARLIEST)) {
            h.open();
            h.processElement(rec(0, 5, "a", "later"), 0);
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(ExactDedupFunction.Mode.EARLIEST)) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(rec(0, 1, "a", "earlier"), 0);
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(texts(h)).containsExactly("earlier");
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, SampleRecord, SampleRecord> harness(ExactDedupFunction.Mode mode)
            throws Exception {
        var op = new KeyedProcessOperator<>(new ExactDedupFunction("02-document_deduplicator", mode, TRACE, "duplicate-x", 10));
        var h = new KeyedOneInputStreamOperatorTestHarness<>(op, r -> r.key, Types.STRING);
        h.setStateBackend(new EmbeddedRocksDBStateBackend());
        return h;
    }

    private static SampleRecord rec(int source, long pos, String key, String text) {
        return new SampleRecord(source, pos, key, Sample.ofText("text", text));
    }

    private static List<String> texts(KeyedOneInputStreamOperatorTestHarness<String, SampleRecord, SampleRecord> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord) {
                out.add(((SampleRecord) ((StreamRecord<?>) o).getValue()).sample.text("text"));
            }
        }
        return out;
    }
}
