package io.djflink.job;

import io.djflink.ops.OpRegistry;
import io.djflink.recipe.OpConfig;
import io.djflink.run.FusedChain;
import io.djflink.run.OpFailure;
import io.djflink.run.OpStats;
import io.djflink.run.TraceRecords;
import io.djflink.state.JobCounters;
import io.djflink.state.SampleRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One fused stage: consecutive mappers and filters on the same sample object, then the signature
 * of the deduplicator that follows, if any. Filtered samples go to the tracer (when traced) and
 * are counted; samples an op fails on go to the error output with the op and the exception.
 */
public final class ChainFunction extends ProcessFunction<SampleRecord, SampleRecord> {

    private final List<OpConfig> chain;
    private final OpConfig dedup;
    private final Map<Integer, String> traceFiles;
    private final int traceNum;
    private final List<String> files;

    private transient FusedChain fused;
    private transient Map<String, Integer> traced;
    private transient Context current;

    /**
     * @param traceFiles for each traced op index, its tracer file name prefix (filter-/mapper-)
     */
    public ChainFunction(List<OpConfig> chain, OpConfig dedup, Map<Integer, String> traceFiles,
            int traceNum, List<String> files) {
        this.chain = List.copyOf(chain);
        this.dedup = dedup;
        this.traceFiles = new HashMap<>(traceFiles);
        this.traceNum = traceNum;
        this.files = List.copyOf(files);
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
    }

    @Override
    public void processElement(SampleRecord rec, Context ctx, Collector<SampleRecord> out) {
        current = ctx;
        FusedChain.Result r;
        try {
            r = fused.process(rec.sample);
        } catch (OpFailure e) {
            // The recipe asked to stop on op errors; a restart would only fail on the same sample.
            throw new SuppressRestartsException(e);
        }
        switch (r.verdict) {
            case KEPT:
                rec.key = r.key;
                out.collect(rec);
                break;
            case FILTERED:
                if (traceFiles.containsKey(r.op.index())) {
                    trace(r.op, TraceRecords.filtered(rec.sample));
                }
                break;
            default:
                ctx.output(Tags.ERRORS, TraceRecords.opError(rec.sample, r.op, r.error, files.get(rec.source), rec.position));
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
    public void close() throws Exception {
        if (fused == null) {
            return;
        }
        for (int i = 0; i < chain.size(); i++) {
            publish(chain.get(i).id(), fused.stats(i));
        }
        if (dedup != null) {
            OpStats d = fused.dedupStats();
            getRuntimeContext().getLongCounter(JobCounters.op(dedup.id(), "in")).add(d.in);
            getRuntimeContext().getLongCounter(JobCounters.op(dedup.id(), "errors")).add(d.errors);
            getRuntimeContext().getLongCounter(JobCounters.op(dedup.id(), "nanos")).add(d.nanos);
        }
        fused.close();
    }

    private void publish(String id, OpStats s) {
        getRuntimeContext().getLongCounter(JobCounters.op(id, "in")).add(s.in);
        getRuntimeContext().getLongCounter(JobCounters.op(id, "kept")).add(s.kept);
        getRuntimeContext().getLongCounter(JobCounters.op(id, "filtered")).add(s.filtered);
        getRuntimeContext().getLongCounter(JobCounters.op(id, "errors")).add(s.errors);
        getRuntimeContext().getLongCounter(JobCounters.op(id, "nanos")).add(s.nanos);
    }
}
