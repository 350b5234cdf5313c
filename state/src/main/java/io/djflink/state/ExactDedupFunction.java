package io.djflink.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.djflink.ops.Sample;
import io.djflink.run.TraceRecords;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Exact dedup on keyed state: records arrive keyed by their signature; one {@link ValueState} per
 * signature (in RocksDB, checkpointed) decides which record survives.
 *
 * <ul>
 *   <li>{@link Mode#EARLIEST}: for bounded input. The state keeps the earliest record seen so far
 *       (by ingestion order); a record that loses is a duplicate at once; the survivor is released
 *       when input ends (the final watermark fires its timer). The kept set is Data-Juicer's (first
 *       occurrence in input order) whatever the parallelism or arrival interleaving.
 *   <li>{@link Mode#FIRST_ARRIVAL}: for unbounded input. The first record to arrive is released at
 *       once; the state keeps only its position and id, so state per signature stays small.
 * </ul>
 */
public final class ExactDedupFunction extends KeyedProcessFunction<String, SampleRecord, SampleRecord>
        implements CheckpointedFunction, FinalCounts {

    /** Which record of a signature group survives. */
    public enum Mode {
        EARLIEST,
        FIRST_ARRIVAL
    }

    private final String opId;
    private final Mode mode;
    private final OutputTag<String> traceTag;
    private final String traceFile;
    private final int traceNum;

    private static final int KEPT = 0;
    private static final int DUPLICATES = 1;

    private transient ValueState<SampleRecord> first;
    private transient DurableCounters counters;
    private transient int traced;

    /**
     * @param traceFile tracer file for duplicate pairs, or null when this op is not traced
     */
    public ExactDedupFunction(String opId, Mode mode, OutputTag<String> traceTag, String traceFile, int traceNum) {
        this.opId = opId;
        this.mode = mode;
        this.traceTag = traceTag;
        this.traceFile = traceFile;
        this.traceNum = traceNum;
    }

    @Override
    public void open(OpenContext openContext) {
        first = getRuntimeContext().getState(new ValueStateDescriptor<>("first", SampleRecordTypeInfo.INSTANCE));
        OpMetrics.dedup(getRuntimeContext().getMetricGroup(), opId, counters, KEPT, DUPLICATES);
    }

    @Override
    public void initializeState(FunctionInitializationContext ctx) throws Exception {
        counters = new DurableCounters("counters",
                java.util.List.of(JobCounters.op(opId, "kept"), JobCounters.op(opId, "duplicates")));
        counters.initialize(ctx);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
        counters.snapshot(null);
    }

    @Override
    public java.util.Map<String, Long> finalCounts() {
        return counters.totals(null);
    }

    @Override
    public void processElement(SampleRecord rec, Context ctx, Collector<SampleRecord> out) throws Exception {
        SampleRecord seen = first.value();
        if (mode == Mode.FIRST_ARRIVAL) {
            if (seen == null) {
                first.update(new SampleRecord(rec.source, rec.position, null, idOnly(rec.sample)));
                rec.key = null;
                counters.add(KEPT, 1);
                out.collect(rec);
            } else {
                duplicate(seen, rec, ctx);
            }
            return;
        }
        if (seen == null) {
            first.update(rec);
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        } else if (rec.isBefore(seen)) {
            first.update(rec);
            duplicate(rec, seen, ctx);
        } else {
            duplicate(seen, rec, ctx);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SampleRecord> out) throws Exception {
        SampleRecord survivor = first.value();
        if (survivor != null) {
            first.clear();
            survivor.key = null;
            counters.add(KEPT, 1);
            out.collect(survivor);
        }
    }

    private void duplicate(SampleRecord survivor, SampleRecord dropped, Context ctx) {
        counters.add(DUPLICATES, 1);
        if (traceFile != null && traced < traceNum) {
            traced++;
            ctx.output(traceTag, traceFile + "\t" + TraceRecords.duplicate(survivor.sample, dropped.sample));
        }
    }

    /** What the streaming mode remembers of a survivor: its id field if any, for trace pairs. */
    private static Sample idOnly(Sample s) {
        ObjectNode n = Sample.JSON.createObjectNode();
        if (s.root().has("id")) {
            n.set("id", s.root().get("id"));
        }
        return new Sample(n);
    }
}
