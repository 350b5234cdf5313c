package io.djflink.state;

import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Where a sample waits in streaming near-dedup, keyed by its ingestion order, until every one of
 * its candidate buckets has answered ({@link StreamingBucketFunction}): the sample arrives on the
 * first input, the answers on the second, in any order. With every answer in, it is dropped if
 * any bucket found an earlier near-duplicate (traced with the earliest such member by ingestion
 * order, and the similarity when the bucket knew it), and released otherwise. A sample on time is
 * decided before the watermark passes its event time, so it leaves with its timestamp on time for
 * the stages after.
 *
 * <p>State per held sample: the sample, and the answers so far merged into one (the duplicate
 * answer with the earliest survivor, and how many answers are still to come); both are cleared
 * when it is decided. Counts kept, duplicates and late samples (samples some bucket decided on
 * arrival because they were behind the watermark).
 */
public final class StreamingHoldFunction extends KeyedCoProcessFunction<Long, SampleRecord, NearDupAnswer, SampleRecord>
        implements CheckpointedFunction, FinalCounts {

    private static final int KEPT = 0;
    private static final int DUPLICATES = 1;
    private static final int LATE = 2;

    private final String opId;
    private final OutputTag<String> traceTag;
    private final String traceFile;
    private final int traceNum;

    private transient ValueState<SampleRecord> held;
    /** The merged answers; its {@code count} is the number of answers still to come. */
    private transient ValueState<NearDupAnswer> merged;
    private transient DurableCounters counters;
    private transient Counter lateMetric;
    private transient int traced;

    /**
     * @param traceFile tracer file of this op, or null when it is not traced
     * @param traceNum how many pairs each parallel instance traces at most
     */
    public StreamingHoldFunction(String opId, OutputTag<String> traceTag, String traceFile, int traceNum) {
        this.opId = opId;
        this.traceTag = traceTag;
        this.traceFile = traceFile;
        this.traceNum = traceNum;
    }

    @Override
    public void open(OpenContext ctx) {
        held = getRuntimeContext().getState(new ValueStateDescriptor<>("held", SampleRecordSerializer.TYPE));
        merged = getRuntimeContext().getState(new ValueStateDescriptor<>("answers", TypeInformation.of(NearDupAnswer.class)));
        lateMetric = getRuntimeContext().getMetricGroup().counter("lateSamples");
        OpMetrics.dedup(getRuntimeContext().getMetricGroup(), opId, counters, KEPT, DUPLICATES);
    }

    @Override
    public void initializeState(FunctionInitializationContext ctx) throws Exception {
        counters = RestoreGuard.dedupCounters(ctx, getRuntimeContext(), opId, true);
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
        NearDupAnswer answers = merged.value();
        if (answers != null && answers.count == 0) {
            merged.clear();
            decide(rec, answers, ctx, out);
        } else {
            held.update(rec);
        }
    }

    @Override
    public void processElement2(NearDupAnswer a, Context ctx, Collector<SampleRecord> out) throws Exception {
        NearDupAnswer answers = merged.value();
        if (answers == null) {
            answers = a;
        } else {
            answers.late |= a.late;
            if (a.duplicate && (!answers.duplicate || a.survivor < answers.survivor)) {
                answers.duplicate = true;
                answers.survivor = a.survivor;
                answers.survivorId = a.survivorId;
                answers.similarity = a.similarity;
            }
        }
        answers.count--;
        SampleRecord rec = answers.count == 0 ? held.value() : null;
        if (rec == null) {
            merged.update(answers);
            return;
        }
        held.clear();
        merged.clear();
        decide(rec, answers, ctx, out);
    }

    private void decide(SampleRecord rec, NearDupAnswer answers, Context ctx, Collector<SampleRecord> out) {
        if (answers.late) {
            counters.add(LATE, 1);
            lateMetric.inc();
        }
        if (!answers.duplicate) {
            counters.add(KEPT, 1);
            out.collect(rec);
            return;
        }
        counters.add(DUPLICATES, 1);
        if (traceFile != null && traced < traceNum) {
            traced++;
            ctx.output(traceTag, traceFile + "\t"
                    + HoldOperator.tracePair(answers.survivor, answers.survivorId, rec.sample(), answers.similarity));
        }
    }
}
