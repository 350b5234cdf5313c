package io.djflink.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.djflink.ops.Sample;
import io.djflink.run.TraceRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
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
 *   <li>{@link Mode#FIRST_ARRIVAL}: the first record to arrive is released at once; the state
 *       keeps only its position and id, so state per signature stays small. Which copy survives
 *       depends on arrival order, so on parallelism and timing.
 *   <li>{@link Mode#EVENT_TIME}: for streaming mode, deterministic. The first record in the total
 *       order (event time, then ingestion order) survives. A record waits in state until the
 *       watermark passes its event time; then the waiting records up to the watermark are decided
 *       in that order: the first of a signature never seen is released, later ones are
 *       duplicates (traced with the survivor's id). After release the state keeps only the
 *       survivor's position and id, with {@code dedup_ttl} as Flink state TTL (processing time
 *       since it was written; an expired survivor lets the next copy through). A record that
 *       arrives behind the watermark (late) is decided at once against the survivor seen so far:
 *       the one case where arrival order matters (a late copy loses to a survivor with a later
 *       event time that was released before it arrived). Late records are counted
 *       ({@code op.<id>.late}, and the {@code lateSamples} metric). A record without an event time
 *       is decided on arrival, as in {@link Mode#FIRST_ARRIVAL}.
 * </ul>
 */
public final class ExactDedupFunction extends KeyedProcessFunction<String, SampleRecord, SampleRecord>
        implements CheckpointedFunction, FinalCounts {

    /** Which record of a signature group survives. */
    public enum Mode {
        EARLIEST,
        FIRST_ARRIVAL,
        EVENT_TIME
    }

    private final String opId;
    private final Mode mode;
    private final Duration ttl;
    private final OutputTag<String> traceTag;
    private final String traceFile;
    private final int traceNum;

    private static final int KEPT = 0;
    private static final int DUPLICATES = 1;
    private static final int LATE = 2;

    private static final Comparator<SampleRecord> BY_ORDER = Comparator.comparingLong(SampleRecord::order);

    private transient ValueState<SampleRecord> first;
    /** EVENT_TIME: the records waiting for the watermark, by event time. */
    private transient MapState<Long, List<SampleRecord>> waiting;
    /** EVENT_TIME: the released survivor's position and id. */
    private transient ValueState<SampleRecord> survivor;
    private transient Counter lateMetric;
    private transient DurableCounters counters;
    private transient int traced;

    /**
     * A function without retention ({@code dedup_ttl} unset).
     *
     * @param traceFile tracer file for duplicate pairs, or null when this op is not traced
     */
    public ExactDedupFunction(String opId, Mode mode, OutputTag<String> traceTag, String traceFile, int traceNum) {
        this(opId, mode, null, traceTag, traceFile, traceNum);
    }

    /**
     * @param ttl how long {@link Mode#EVENT_TIME} remembers a survivor ({@code dedup_ttl}), or null
     *     for forever; the other modes ignore it
     * @param traceFile tracer file for duplicate pairs, or null when this op is not traced
     */
    public ExactDedupFunction(String opId, Mode mode, Duration ttl, OutputTag<String> traceTag, String traceFile, int traceNum) {
        this.opId = opId;
        this.mode = mode;
        this.ttl = ttl;
        this.traceTag = traceTag;
        this.traceFile = traceFile;
        this.traceNum = traceNum;
    }

    @Override
    public void open(OpenContext openContext) {
        if (mode == Mode.EVENT_TIME) {
            waiting = getRuntimeContext().getMapState(
                    new MapStateDescriptor<>("waiting", Types.LONG, Types.LIST(SampleRecordSerializer.TYPE)));
            survivor = getRuntimeContext().getState(
                    DedupStateTtl.expireAfter(new ValueStateDescriptor<>("survivor", SampleRecordSerializer.TYPE), ttl));
            lateMetric = getRuntimeContext().getMetricGroup().counter("lateSamples");
        } else {
            first = getRuntimeContext().getState(new ValueStateDescriptor<>("first", SampleRecordSerializer.TYPE));
        }
        OpMetrics.dedup(getRuntimeContext().getMetricGroup(), opId, counters, KEPT, DUPLICATES);
    }

    @Override
    public void initializeState(FunctionInitializationContext ctx) throws Exception {
        counters = RestoreGuard.dedupCounters(ctx, getRuntimeContext(), opId, mode == Mode.EVENT_TIME);
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
        if (mode == Mode.EVENT_TIME) {
            Long ts = ctx.timestamp();
            if (ts == null || ts <= ctx.timerService().currentWatermark()) {
                if (ts != null) {
                    counters.add(LATE, 1);
                    lateMetric.inc();
                }
                decide(rec, ctx, out);
                return;
            }
            List<SampleRecord> at = waiting.get(ts);
            if (at == null) {
                at = new ArrayList<>(1);
                ctx.timerService().registerEventTimeTimer(ts);
            }
            at.add(rec);
            waiting.put(ts, at);
            return;
        }
        SampleRecord seen = first.value();
        if (mode == Mode.FIRST_ARRIVAL) {
            if (seen == null) {
                first.update(new SampleRecord(rec.source, rec.position, null, idOnly(rec.sample())));
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
        if (mode == Mode.EVENT_TIME) {
            List<SampleRecord> at = waiting.get(timestamp);
            if (at != null) {
                waiting.remove(timestamp);
                // timers fire in event-time order, so with this sort records are decided in the total order
                at.sort(BY_ORDER);
                for (SampleRecord rec : at) {
                    decide(rec, ctx, out);
                }
            }
            return;
        }
        SampleRecord earliest = first.value();
        if (earliest != null) {
            first.clear();
            earliest.key = null;
            counters.add(KEPT, 1);
            out.collect(earliest);
        }
    }

    /** EVENT_TIME: releases {@code rec} if its signature has no survivor yet, drops it otherwise. */
    private void decide(SampleRecord rec, Context ctx, Collector<SampleRecord> out) throws Exception {
        SampleRecord seen = survivor.value();
        if (seen != null) {
            duplicate(seen, rec, ctx);
            return;
        }
        survivor.update(new SampleRecord(rec.source, rec.position, null, idOnly(rec.sample())));
        rec.key = null;
        counters.add(KEPT, 1);
        out.collect(rec);
    }

    private void duplicate(SampleRecord survivor, SampleRecord dropped, Context ctx) {
        counters.add(DUPLICATES, 1);
        if (traceFile != null && traced < traceNum) {
            traced++;
            ctx.output(traceTag, traceFile + "\t" + TraceRecords.duplicate(survivor.sample(), dropped.sample()));
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
