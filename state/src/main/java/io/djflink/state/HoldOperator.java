package io.djflink.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.djflink.ops.Sample;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Where a sample of a bounded input waits, keyed by its ingestion order, while its candidate keys
 * are judged: the sample arrives on the first input, a verdict (if it is not its component's
 * survivor) on the second. When both inputs have ended, one scan over the held samples releases
 * or drops each, and dropped ones are traced with the id of the survivor they duplicate.
 *
 * <p>The release is a scan rather than an end-of-time timer per sample: a timer is one more
 * RocksDB write per sample and a second sorted structure to drain. The final watermark is held
 * back until the scan is done, so stages downstream still see every released sample before it.
 * Nothing is cleared during the scan; the job ends right after it.
 */
public final class HoldOperator extends AbstractStreamOperator<SampleRecord>
        implements TwoInputStreamOperator<SampleRecord, NearDupVerdict, SampleRecord>, BoundedMultiInput {

    private static final int KEPT = 0;
    private static final int DUPLICATES = 1;
    private static final ValueStateDescriptor<SampleRecord> HELD =
            new ValueStateDescriptor<>("held", SampleRecordSerializer.TYPE);
    private static final ValueStateDescriptor<NearDupVerdict> VERDICT =
            new ValueStateDescriptor<>("verdict", TypeInformation.of(NearDupVerdict.class));

    private final String opId;
    private final OutputTag<String> traceTag;
    private final OutputTag<String> countsTag;
    private final String traceFile;

    private transient ValueState<SampleRecord> held;
    private transient ValueState<NearDupVerdict> verdict;
    private transient DurableCounters counters;
    private transient int ended;
    private transient Watermark heldBack;

    /**
     * @param traceFile tracer file of this op, or null when it is not traced (which verdicts are
     *     traced, the union-find decides)
     * @param countsTag where the final kept and duplicate counts go when the scan is done
     */
    public HoldOperator(String opId, OutputTag<String> traceTag, String traceFile, OutputTag<String> countsTag) {
        this.opId = opId;
        this.traceTag = traceTag;
        this.traceFile = traceFile;
        this.countsTag = countsTag;
    }

    @Override
    public void initializeState(StateInitializationContext ctx) throws Exception {
        super.initializeState(ctx);
        counters = RestoreGuard.dedupCounters(ctx, getRuntimeContext(), opId, false);
    }

    @Override
    public void open() throws Exception {
        super.open();
        held = getPartitionedState(HELD);
        verdict = getPartitionedState(VERDICT);
        OpMetrics.dedup(getMetricGroup(), opId, counters, KEPT, DUPLICATES);
    }

    @Override
    public void snapshotState(StateSnapshotContext ctx) throws Exception {
        super.snapshotState(ctx);
        counters.snapshot(null);
    }

    @Override
    public void processElement1(StreamRecord<SampleRecord> element) throws Exception {
        SampleRecord rec = element.getValue();
        rec.signature = null;
        held.update(rec);
    }

    @Override
    public void processElement2(StreamRecord<NearDupVerdict> element) throws Exception {
        verdict.update(element.getValue());
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE && ended < 2) {
            heldBack = mark;
            return;
        }
        super.processWatermark(mark);
    }

    @Override
    public void endInput(int inputId) throws Exception {
        if (++ended < 2) {
            return;
        }
        StreamRecord<SampleRecord> reuse = new StreamRecord<>(null);
        getKeyedStateBackend().applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, HELD,
                (order, state) -> release(state.value(), reuse));
        CountingOperators.emit(output, counters.totals(null), countsTag);
        if (heldBack != null) {
            super.processWatermark(heldBack);
        }
    }

    private void release(SampleRecord rec, StreamRecord<SampleRecord> reuse) throws Exception {
        NearDupVerdict v = verdict.value();
        if (v == null) {
            counters.add(KEPT, 1);
            output.collect(reuse.replace(rec));
            return;
        }
        counters.add(DUPLICATES, 1);
        // The union-find marked which verdicts the tracer shows (the first trace_num by order).
        if (traceFile != null && v.traced) {
            output.collect(traceTag, new StreamRecord<>(traceFile + "\t" + tracePair(v.survivor, v.survivorId, rec.sample(), v.similarity)));
        }
    }

    /**
     * A near-duplicate tracer record: {@code dup1} = the survivor's id (if any) and position,
     * {@code dup2} = the dropped sample, {@code similarity} when known.
     */
    static ObjectNode tracePair(long survivorOrder, String survivorId, Sample dropped, double similarity) {
        ObjectNode pair = Sample.JSON.createObjectNode();
        ObjectNode survivor = pair.putObject("dup1");
        if (survivorId != null) {
            survivor.put("id", survivorId);
        }
        survivor.put("source", (int) (survivorOrder >>> 40));
        survivor.put("line", survivorOrder & ((1L << 40) - 1));
        pair.set("dup2", dropped.root());
        if (!Double.isNaN(similarity)) {
            pair.put("similarity", similarity);
        }
        return pair;
    }
}
