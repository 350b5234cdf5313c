package io.djflink.state;

import io.djflink.ops.NearDeduplicator;
import io.djflink.ops.OpRegistry;
import io.djflink.recipe.OpConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The candidate buckets (LSH band keys, SimHash block keys) of a bounded input, in keyed state.
 * While the input lasts a member is only appended to its bucket (a RocksDB merge, no read), so
 * the cost per key stays flat as the state outgrows memory; when the input ends one scan over the
 * buckets links the members of each. When sharing the key makes a duplicate (MinHash) every
 * member is linked to the bucket's earliest, which connects them all as Data-Juicer's per-bucket
 * union does; otherwise (SimHash) the pairs the op confirms are linked.
 *
 * <p>The final watermark is held back until the links are out, so the components stage, which
 * decides on that watermark, has seen every link. The scan blocks checkpoint barriers while it
 * runs (minutes for hundreds of millions of keys), so bounded jobs tolerate expired checkpoints
 * ({@code JobBuilder}).
 */
public final class BucketOperator extends AbstractStreamOperator<NearDupEdge>
        implements OneInputStreamOperator<BandMember, NearDupEdge>, BoundedOneInput {

    /** Band keys appended in this JVM, for the state benchmark's progress line. */
    public static final AtomicLong PROCESSED = new AtomicLong();

    private static final ListStateDescriptor<BandMember> MEMBERS =
            new ListStateDescriptor<>("members", BandMemberSerializer.TYPE);

    private final OpConfig op;

    private transient NearDeduplicator dedup;
    private transient boolean sharedKeyIsEdge;
    private transient ListState<BandMember> members;
    private transient boolean ended;
    private transient Watermark heldBack;

    public BucketOperator(OpConfig op) {
        this.op = op;
    }

    /** Buckets where sharing a key makes a duplicate (MinHash-like), without an op (state benchmarks). */
    public BucketOperator() {
        this.op = null;
    }

    @Override
    public void open() throws Exception {
        super.open();
        dedup = op == null ? null : (NearDeduplicator) OpRegistry.get().factory(op.name()).create(op.args());
        sharedKeyIsEdge = dedup == null || dedup.candidatesAreDuplicates();
        members = getPartitionedState(MEMBERS);
    }

    @Override
    public void processElement(StreamRecord<BandMember> element) throws Exception {
        BandMember m = element.getValue();
        members.add(new BandMember(null, m.order, m.id, sharedKeyIsEdge ? null : m.signature));
        PROCESSED.incrementAndGet();
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE && !ended) {
            heldBack = mark;
            return;
        }
        super.processWatermark(mark);
    }

    @Override
    public void endInput() throws Exception {
        List<BandMember> bucket = new ArrayList<>();
        getKeyedStateBackend().applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, MEMBERS,
                (key, state) -> {
                    bucket.clear();
                    for (BandMember m : state.get()) {
                        bucket.add(m);
                    }
                    if (bucket.size() > 1) {
                        link(bucket);
                    }
                });
        ended = true;
        if (heldBack != null) {
            super.processWatermark(heldBack);
        }
    }

    private void link(List<BandMember> bucket) {
        StreamRecord<NearDupEdge> reuse = new StreamRecord<>(null);
        if (sharedKeyIsEdge) {
            BandMember first = bucket.get(0);
            for (BandMember m : bucket) {
                if (m.order < first.order) {
                    first = m;
                }
            }
            for (BandMember m : bucket) {
                if (m != first && m.order != first.order) {
                    output.collect(reuse.replace(new NearDupEdge(first.order, first.id, m.order, m.id, Double.NaN)));
                }
            }
            return;
        }
        bucket.sort(java.util.Comparator.comparingLong(m -> m.order));
        for (int i = 0; i < bucket.size(); i++) {
            BandMember a = bucket.get(i);
            for (int j = i + 1; j < bucket.size(); j++) {
                BandMember b = bucket.get(j);
                if (a.order != b.order && dedup.isDuplicate(a.signature, b.signature)) {
                    output.collect(reuse.replace(new NearDupEdge(a.order, a.id, b.order, b.id, dedup.similarity(a.signature, b.signature))));
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        if (dedup != null) {
            dedup.close();
        }
        super.close();
    }
}
