package io.djflink.state;

import io.djflink.ops.NearDeduplicator;
import io.djflink.ops.OpRegistry;
import io.djflink.recipe.OpConfig;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The similarity of traced duplicate pairs whose buckets do not compare signatures (MinHash), in
 * two keyed hops by ingestion order: at the dropped sample, its signature joins the verdict; at the
 * survivor, the survivor's signature completes the pair. Runs only for traced ops, and only
 * verdicts marked for the tracer pass through it. Both hops act when input ends, when every
 * signature and verdict has arrived.
 */
public final class SimilarityFunction extends KeyedCoProcessFunction<Long, SampleRecord, NearDupVerdict, NearDupVerdict> {

    /** Which end of the pair this hop is keyed by. */
    public enum Hop {
        DROPPED,
        SURVIVOR
    }

    private final OpConfig op;
    private final Hop hop;

    private transient NearDeduplicator dedup;
    private transient ValueState<long[]> signature;
    private transient ListState<NearDupVerdict> verdicts;

    public SimilarityFunction(OpConfig op, Hop hop) {
        this.op = op;
        this.hop = hop;
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        dedup = (NearDeduplicator) OpRegistry.get().factory(op.name()).create(op.args());
        signature = getRuntimeContext().getState(new ValueStateDescriptor<>("signature", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        verdicts = getRuntimeContext().getListState(new ListStateDescriptor<>("verdicts", TypeInformation.of(NearDupVerdict.class)));
    }

    @Override
    public void processElement1(SampleRecord rec, Context ctx, Collector<NearDupVerdict> out) throws Exception {
        signature.update(rec.signature);
    }

    @Override
    public void processElement2(NearDupVerdict v, Context ctx, Collector<NearDupVerdict> out) throws Exception {
        verdicts.add(v);
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<NearDupVerdict> out) throws Exception {
        long[] own = signature.value();
        for (NearDupVerdict v : verdicts.get()) {
            if (hop == Hop.DROPPED) {
                v.signature = own;
            } else {
                if (own != null && v.signature != null) {
                    v.similarity = dedup.similarity(own, v.signature);
                }
                v.signature = null;
            }
            out.collect(v);
        }
        signature.clear();
        verdicts.clear();
    }

    @Override
    public void close() throws Exception {
        if (dedup != null) {
            dedup.close();
        }
    }
}
