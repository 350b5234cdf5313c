package io.djflink.job;

import io.djflink.ops.OpRegistry;
import io.djflink.recipe.OpConfig;
import io.djflink.run.FusedChain;
import io.djflink.run.OpFailure;
import io.djflink.run.OpStats;
import io.djflink.run.Origins;
import io.djflink.run.TraceRecords;
import io.djflink.state.DurableCounters;
import io.djflink.state.FinalCounts;
import io.djflink.state.JobCounters;
import io.djflink.state.OpMetrics;
import io.djflink.state.SampleRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One fused stage: consecutive mappers and filters on the same sample object, then the signature
 * of the deduplicator that follows, if any. Filtered samples go to the tracer (when traced) and
 * are counted; samples an op fails on go to the error output with the op and the exception.
 */
public final class ChainFunction extends ProcessFunction<SampleRecord, SampleRecord> implements CheckpointedFunction, FinalCounts {

    private static final List<String> OP_COUNTERS = List.of("in", "kept", "filtered", "errors", "nanos");
    private static final List<String> SIGNATURE_COUNTERS = List.of("in", "errors", "nanos");

    private final List<OpConfig> chain;
    private final OpConfig dedup;
    private final Map<Integer, String> traceFiles;
    private final int traceNum;
    private final Origins origins;

    private transient FusedChain fused;
    private transient Map<String, Integer> traced;
    private transient Context current;
    private transient DurableCounters counters;

    /**
     * @param traceFiles for each traced op index, its tracer file name prefix (filter-/mapper-)
     */
    public ChainFunction(List<OpConfig> chain, OpConfig dedup, Map<Integer, String> traceFiles,
            int traceNum, Origins origins) {
        this.chain = List.copyOf(chain);
        this.dedup = dedup;
        this.traceFiles = new HashMap<>(traceFiles);
        this.traceNum = traceNum;
        this.origins = origins;
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        traced = new HashMap<>();
        fused = new FusedChain(chain, dedup, OpRegistry.get(), new FusedChain.Tracer() {
            @Override
            public boolean traces(OpConfig op) {
                return traceFiles.containsKey(op.index());
            }

            @Override
            public void mapped(OpConfig op, String before, String after) {
                trace(op, TraceRecords.mapped(before, after));
            }
        });
        registerMetrics();
    }

    /** The per-op metrics: views of the chain's counters, and a time histogram fed per sample. */
    private void registerMetrics() {
        MetricGroup group = getRuntimeContext().getMetricGroup();
        Histogram[] times = new Histogram[chain.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = OpMetrics.fusedOp(group, chain.get(i).id(), fused.stats(i));
        }
        Histogram signature = dedup != null ? OpMetrics.signature(group, dedup.id(), fused.dedupStats()) : null;
        // Measured at 15-20 ns an update, against 2-500 µs an op spends on a sample of the benchmark corpora.
        fused.recordTimes((op, nanos) -> (op == FusedChain.OpTimes.SIGNATURE ? signature : times[op]).update(nanos));
    }

    @Override
    public void processElement(SampleRecord rec, Context ctx, Collector<SampleRecord> out) {
        current = ctx;
        FusedChain.Result r;
        try {
            r = fused.process(rec.sample());
        } catch (OpFailure e) {
            // The recipe asked to stop on op errors; a restart would only fail on the same sample.
            throw new SuppressRestartsException(e);
        }
        switch (r.verdict) {
            case KEPT:
                rec.key = r.key;
                rec.signature = r.signature;
                out.collect(rec);
                break;
            case FILTERED:
                if (traceFiles.containsKey(r.op.index())) {
                    trace(r.op, TraceRecords.filtered(rec.sample()));
                }
                break;
            default:
                ctx.output(Tags.ERRORS, TraceRecords.opError(rec.sample(), r.op, r.error, origins, rec.source, rec.position));
        }
    }

    private void trace(OpConfig op, String json) {
        String file = traceFiles.get(op.index());
        int n = traced.merge(file, 1, Integer::sum);
        if (n <= traceNum) {
            current.output(Tags.TRACE, file + "\t" + json);
        }
    }

    @Override
    public void initializeState(FunctionInitializationContext ctx) throws Exception {
        List<String> names = new ArrayList<>();
        for (OpConfig op : chain) {
            for (String c : OP_COUNTERS) {
                names.add(JobCounters.op(op.id(), c));
            }
        }
        if (dedup != null) {
            for (String c : SIGNATURE_COUNTERS) {
                names.add(JobCounters.op(dedup.id(), c));
            }
        }
        counters = new DurableCounters("counters", names);
        counters.initialize(ctx);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
        counters.snapshot(current());
    }

    /** The chain's counts since this attempt started, in the order of the counter names. */
    private long[] current() {
        int n = chain.size() * OP_COUNTERS.size() + (dedup != null ? SIGNATURE_COUNTERS.size() : 0);
        long[] v = new long[n];
        if (fused == null) {
            return v;
        }
        int k = 0;
        for (int i = 0; i < chain.size(); i++) {
            OpStats s = fused.stats(i);
            v[k++] = s.in;
            v[k++] = s.kept;
            v[k++] = s.filtered;
            v[k++] = s.errors;
            v[k++] = s.nanos;
        }
        if (dedup != null) {
            OpStats d = fused.dedupStats();
            v[k++] = d.in;
            v[k++] = d.errors;
            v[k++] = d.nanos;
        }
        return v;
    }

    @Override
    public java.util.Map<String, Long> finalCounts() {
        return counters.totals(current());
    }

    @Override
    public void close() throws Exception {
        if (fused != null) {
            fused.close();
        }
    }
}
