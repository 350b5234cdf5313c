package io.djflink.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.djflink.ops.Sample;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Where a sample waits, keyed by its ingestion order, while its candidate keys are judged: the
 * sample arrives on the first input, a verdict (if it is not its component's survivor) on the
 * second. When the input ends it is released or dropped, and dropped ones are traced with the id
 * of the survivor they duplicate.
 */
public final class HoldFunction extends KeyedCoProcessFunction<Long, SampleRecord, NearDupVerdict, SampleRecord>
        implements CheckpointedFunction, FinalCounts {

    private static final int KEPT = 0;
    private static final int DUPLICATES = 1;

    private final String opId;
    private final OutputTag<String> traceTag;
    private final String traceFile;

    private transient ValueState<SampleRecord> held;
    private transient ValueState<NearDupVerdict> verdict;
    private transient DurableCounters counters;

    /**
     * @param traceFile tracer file of this op, or null when it is not traced (which verdicts are
     *     traced, the union-find decides)
     */
    public HoldFunction(String opId, OutputTag<String> traceTag, String traceFile) {
        this.opId = opId;
        this.traceTag = traceTag;
        this.traceFile = traceFile;
    }

    @Override
    public void open(OpenContext ctx) {
        held = getRuntimeContext().getState(new ValueStateDescriptor<>("held", SampleRecordTypeInfo.INSTANCE));
        verdict = getRuntimeContext().getState(new ValueStateDescriptor<>("verdict", TypeInformation.of(NearDupVerdict.class)));
        OpMetrics.dedup(getRuntimeContext().getMetricGroup(), opId, counters, KEPT, DUPLICATES);
    }

    @Override
    public void initializeState(FunctionInitializationContext ctx) throws Exception {
        counters = RestoreGuard.dedupCounters(ctx, getRuntimeContext(), opId, false);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
        counters.snapshot(null);
    }

    @Override
    public Map<String, Long> finalCounts() {
        return counters.totals(null);
    }

    @Override
    public void processElement1(SampleRecord rec, Context ctx, Collector<SampleRecord> out) throws Exception {
        rec.signature = null;
        held.update(rec);
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void processElement2(NearDupVerdict v, Context ctx, Collector<SampleRecord> out) throws Exception {
        verdict.update(v);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SampleRecord> out) throws Exception {
        SampleRecord rec = held.value();
        if (rec == null) {
            return;
        }
        NearDupVerdict v = verdict.value();
        held.clear();
        verdict.clear();
        if (v == null) {
            counters.add(KEPT, 1);
            out.collect(rec);
            return;
        }
        counters.add(DUPLICATES, 1);
        // The union-find marked which verdicts the tracer shows (the first trace_num by order).
        if (traceFile != null && v.traced) {
            ctx.output(traceTag, traceFile + "\t" + tracePair(v.survivor, v.survivorId, rec.sample, v.similarity));
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
