package io.djflink.state;

import io.djflink.ops.NearDeduplicator;
import io.djflink.ops.OpRegistry;
import io.djflink.recipe.OpConfig;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One candidate bucket (LSH band key, SimHash block key) in keyed state. When sharing the key
 * makes a duplicate (MinHash), the bucket remembers only its earliest member and links every new
 * member to it, which connects all members as Data-Juicer's per-bucket union does; otherwise
 * (SimHash) it keeps every member's signature and links the pairs the op confirms.
 */
public final class BucketFunction extends KeyedProcessFunction<String, BandMember, NearDupEdge> {

    /** Band keys processed in this JVM, for the embedded benchmark's progress line. */
    public static final java.util.concurrent.atomic.AtomicLong PROCESSED = new java.util.concurrent.atomic.AtomicLong();

    private final OpConfig op;

    private transient NearDeduplicator dedup;
    private transient boolean sharedKeyIsEdge;
    private transient ValueState<BandMember> earliest;
    private transient ListState<BandMember> members;

    public BucketFunction(OpConfig op) {
        this.op = op;
    }

    /** A bucket stage where sharing a key makes a duplicate (MinHash-like), without an op (state benchmarks). */
    public BucketFunction() {
        this.op = null;
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        dedup = op == null ? null : (NearDeduplicator) OpRegistry.get().factory(op.name()).create(op.args());
        sharedKeyIsEdge = dedup == null || dedup.candidatesAreDuplicates();
        TypeInformation<BandMember> type = TypeInformation.of(BandMember.class);
        earliest = getRuntimeContext().getState(new ValueStateDescriptor<>("earliest", type));
        members = getRuntimeContext().getListState(new ListStateDescriptor<>("members", type));
    }

    @Override
    public void processElement(BandMember m, Context ctx, Collector<NearDupEdge> out) throws Exception {
        PROCESSED.incrementAndGet();
        if (sharedKeyIsEdge) {
            BandMember first = earliest.value();
            if (first == null) {
                earliest.update(new BandMember(null, m.order, m.id, null));
                return;
            }
            out.collect(new NearDupEdge(first.order, first.id, m.order, m.id, Double.NaN));
            if (m.order < first.order) {
                earliest.update(new BandMember(null, m.order, m.id, null));
            }
            return;
        }
        for (BandMember other : members.get()) {
            if (dedup.isDuplicate(other.signature, m.signature)) {
                out.collect(new NearDupEdge(other.order, other.id, m.order, m.id, dedup.similarity(other.signature, m.signature)));
            }
        }
        members.add(new BandMember(null, m.order, m.id, m.signature));
    }

    @Override
    public void close() throws Exception {
        if (dedup != null) {
            dedup.close();
        }
    }
}
