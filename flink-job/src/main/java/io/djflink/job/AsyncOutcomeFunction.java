package io.djflink.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.recipe.OpConfig;
import io.djflink.run.OpStats;
import io.djflink.run.TraceRecords;
import io.djflink.state.OpMetrics;
import io.djflink.state.DurableCounters;
import io.djflink.state.FinalCounts;
import io.djflink.state.JobCounters;
import io.djflink.state.SampleRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Routes what an {@link AsyncOpFunction} produced, as a fused stage routes its verdicts: kept
 * samples on, filtered ones to the tracer (when the op is traced), failures to the error output;
 * counts them under the op's counters ({@code in}, {@code kept}, {@code filtered}, {@code errors},
 * {@code added}: the outputs of a split beyond the first, {@code nanos}: the time from request to
 * result, which overlaps between samples in flight). The same figures are the op's live metrics
 * ({@code op.<id>.*}, as for a fused op; {@code timeNanos} is the latency per sample).
 */
public final class AsyncOutcomeFunction extends ProcessFunction<SampleRecord, SampleRecord> implements CheckpointedFunction, FinalCounts {

    private static final List<String> COUNTERS = List.of("in", "kept", "filtered", "errors", "nanos", "added");

    private final OpConfig op;
    private final String traceFile;
    private final int traceNum;
    private transient DurableCounters counters;
    private transient int traced;
    /** What the live metrics read: counts since this attempt started, as a fused stage's. */
    private transient OpStats live;
    private transient Histogram times;

    /** @param traceFile the tracer file of the op, or null when it is not traced */
    public AsyncOutcomeFunction(OpConfig op, String traceFile, int traceNum) {
        this.op = op;
        this.traceFile = traceFile;
        this.traceNum = traceNum;
    }

    @Override
    public void open(OpenContext ctx) {
        live = new OpStats();
        times = OpMetrics.fusedOp(getRuntimeContext().getMetricGroup(), op.id(), live);
    }

    @Override
    public void processElement(SampleRecord rec, Context ctx, Collector<SampleRecord> out) {
        JsonNode m = rec.sample().root().remove(AsyncOpFunction.OUTCOME);
        if (m == null) {
            throw new IllegalStateException("a record reached the outcome router of " + op.id() + " without its outcome");
        }
        long first = m.path("in").asLong();
        long nanos = m.path("ns").asLong();
        counters.add(0, first);
        counters.add(4, nanos);
        live.in += first;
        live.nanos += nanos;
        if (first == 1) {
            times.update(nanos);
        }
        switch (m.path("v").asText()) {
            case "kept" -> {
                counters.add(1, 1);
                // every output after a sample's first is one a split added
                counters.add(5, 1 - first);
                live.kept++;
                live.added += 1 - first;
                out.collect(rec);
            }
            case "filtered", "dropped" -> {
                counters.add(2, 1);
                live.filtered++;
                if (traceFile != null && ++traced <= traceNum) {
                    ctx.output(Tags.TRACE, traceFile + "\t" + TraceRecords.filtered(rec.sample()));
                }
            }
            default -> {
                counters.add(3, 1);
                live.errors++;
                ctx.output(Tags.ERRORS, m.path("error").asText());
            }
        }
    }

    @Override
    public void initializeState(FunctionInitializationContext ctx) throws Exception {
        List<String> names = new ArrayList<>();
        for (String c : COUNTERS) {
            names.add(JobCounters.op(op.id(), c));
        }
        counters = new DurableCounters("counters", names);
        counters.initialize(ctx);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
        counters.snapshot(null);
    }

    @Override
    public Map<String, Long> finalCounts() {
        return counters.totals(null);
    }
}
