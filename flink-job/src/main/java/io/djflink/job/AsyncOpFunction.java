package io.djflink.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.djflink.ops.AsyncOp;
import io.djflink.ops.Filter;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.recipe.OpConfig;
import io.djflink.run.OpFailure;
import io.djflink.run.Origins;
import io.djflink.run.TraceRecords;
import io.djflink.state.OpMetrics;
import io.djflink.state.SampleRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import io.djflink.state.SampleRecordSerializer;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Runs one {@link AsyncOp} with many samples in flight. An async function cannot write side
 * outputs, so each result carries its outcome in a field of its own ({@link #OUTCOME}) that the
 * {@link AsyncOutcomeFunction} chained after it reads, removes and routes: kept samples on,
 * filtered ones to the tracer, failures (timeouts included) to the error output, all counted.
 *
 * <p>The op works on a copy of the sample: a request that times out may still complete later,
 * and must not touch the record already sent to the error output.
 */
public final class AsyncOpFunction extends RichAsyncFunction<SampleRecord, SampleRecord> implements ResultTypeQueryable<SampleRecord> {

    /** The sample field that carries an outcome from this stage to the next; never exported. */
    static final String OUTCOME = "__djflink_async__";

    private final OpConfig config;
    private final Origins origins;
    private final Duration timeout;

    private transient AsyncOp op;
    private transient boolean skipErrors;

    public AsyncOpFunction(OpConfig config, Origins origins, Duration timeout) {
        this.config = config;
        this.origins = origins;
        this.timeout = timeout;
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        OpFactory factory = OpRegistry.get().factory(config.name());
        Params p = factory.bind(config.args());
        Op created = factory.create(p);
        if (!(created instanceof AsyncOp)) {
            throw new IllegalArgumentException(config.id() + " is not an async op");
        }
        op = (AsyncOp) created;
        skipErrors = p.bool("skip_op_error");
        op.open();
        org.apache.flink.metrics.MetricGroup group = OpMetrics.group(getRuntimeContext().getMetricGroup(), config.id());
        op.gauges().forEach((name, value) -> group.gauge(name, (org.apache.flink.metrics.Gauge<Number>) value::get));
    }

    @Override
    public void asyncInvoke(SampleRecord rec, ResultFuture<SampleRecord> out) {
        long t0 = System.nanoTime();
        Sample work = rec.sample().copy();
        java.util.concurrent.CompletableFuture<List<Sample>> f;
        try {
            f = op.applyAsync(work);
        } catch (RuntimeException e) {
            f = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        f.whenComplete((samples, err) -> {
            long nanos = System.nanoTime() - t0;
            if (err != null) {
                fail(rec, unwrap(err), nanos, out);
                return;
            }
            try {
                out.complete(results(rec, samples, nanos));
            } catch (RuntimeException e) {
                fail(rec, e, nanos, out);
            }
        });
    }

    private Collection<SampleRecord> results(SampleRecord rec, List<Sample> samples, long nanos) {
        if (samples.isEmpty()) {
            return List.of(marked(rec, rec.sample(), "dropped", true, nanos, null));
        }
        if (op instanceof Filter) {
            Sample s = samples.get(0);
            boolean keep = ((Filter) op).keep(s);
            return List.of(marked(rec, s, keep ? "kept" : "filtered", true, nanos, null));
        }
        List<SampleRecord> outs = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            outs.add(marked(rec, samples.get(i), "kept", i == 0, i == 0 ? nanos : 0, null));
        }
        return outs;
    }

    private void fail(SampleRecord rec, Throwable e, long nanos, ResultFuture<SampleRecord> out) {
        if (!skipErrors) {
            // The recipe asked to stop on op errors; a restart would only fail on the same sample.
            out.completeExceptionally(new SuppressRestartsException(new OpFailure(config.id(), e)));
            return;
        }
        String error = TraceRecords.opError(rec.sample(), config, e, origins, rec.source, rec.position);
        out.complete(List.of(marked(rec, rec.sample(), "error", true, nanos, error)));
    }

    @Override
    public void timeout(SampleRecord rec, ResultFuture<SampleRecord> out) {
        fail(rec, new TimeoutException("no result within " + timeout.toMillis() + " ms (async timeout)"), timeout.toNanos(), out);
    }

    private static SampleRecord marked(SampleRecord in, Sample s, String verdict, boolean first, long nanos, String error) {
        SampleRecord r = new SampleRecord(in.source, in.position, in.key, s);
        r.signature = in.signature;
        ObjectNode m = s.root().putObject(OUTCOME);
        m.put("v", verdict);
        m.put("in", first ? 1 : 0);
        m.put("ns", nanos);
        if (error != null) {
            m.put("error", error);
        }
        return r;
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /** Samples travel in djflink's own serializer; Flink's extractor would see a generic type. */
    @Override
    public TypeInformation<SampleRecord> getProducedType() {
        return SampleRecordSerializer.TYPE;
    }

    @Override
    public void close() throws Exception {
        if (op != null) {
            op.close();
        }
    }
}
