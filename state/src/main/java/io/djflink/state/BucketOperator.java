package io.djflink.state;

import io.djflink.ops.NearDeduplicator;
import io.djflink.ops.OpRegistry;
import io.djflink.recipe.OpConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The candidate buckets (LSH band keys, SimHash block keys) of a bounded input, in keyed state.
 *
 * <p>When sharing the key makes a duplicate (MinHash) a bucket keeps only its earliest member so
 * far (order and id): a member that finds the bucket empty is stored; any other is linked at once
 * to the stored one, and replaces it if it is earlier. Every member is then linked to a member of
 * its bucket, so all of a bucket's members end up in one component, as with Data-Juicer's
 * per-bucket union (and as with linking each member to the bucket's overall earliest). One read
 * per member, which mostly misses (most bands are unique), hence RocksDB's Bloom filters
 * ({@code JobBuilder}); a write only for a bucket's first member or a new earliest one.
 *
 * <p>Otherwise (SimHash) every pair must be checked: while the input lasts a member is only
 * appended to its bucket (a RocksDB merge, no read), and when the input ends one scan over the
 * buckets links the pairs the op confirms. The scan blocks checkpoint barriers while it runs
 * (minutes for hundreds of millions of keys), so bounded jobs tolerate expired checkpoints
 * ({@code JobBuilder}).
 *
 * <p>The final watermark is held back until the links are out, so the components stage, which
 * decides on that watermark, has seen every link.
 */
public final class BucketOperator extends AbstractStreamOperator<NearDupEdge>
        implements OneInputStreamOperator<BandMember, NearDupEdge>, BoundedOneInput {

    /** Band keys processed in this JVM, for the state benchmark's progress line. */
    public static final AtomicLong PROCESSED = new AtomicLong();

    private static final ValueStateDescriptor<BandMember> EARLIEST =
            new ValueStateDescriptor<>("earliest", BandMemberSerializer.TYPE);
    private static final ListStateDescriptor<BandMember> MEMBERS =
            new ListStateDescriptor<>("members", BandMemberSerializer.TYPE);

    private final OpConfig op;

    private transient NearDeduplicator dedup;
    private transient boolean sharedKeyIsEdge;
    private transient ValueState<BandMember> earliest;
    private transient ListState<BandMember> members;
    private transient StreamRecord<NearDupEdge> reuse;
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
        if (sharedKeyIsEdge) {
            earliest = getPartitionedState(EARLIEST);
        } else {
            members = getPartitionedState(MEMBERS);
        }
        reuse = new StreamRecord<>(null);
    }

    @Override
    public void processElement(StreamRecord<BandMember> element) throws Exception {
        BandMember m = element.getValue();
        PROCESSED.incrementAndGet();
        if (!sharedKeyIsEdge) {
            members.add(new BandMember(null, m.order, m.id, m.signature));
            return;
        }
        BandMember first = earliest.value();
        if (first == null) {
            earliest.update(new BandMember(null, m.order, m.id, null));
        } else if (m.order > first.order) {
            link(first, m);
        } else if (m.order < first.order) {
            link(m, first);
            earliest.update(new BandMember(null, m.order, m.id, null));
        }
        // the same order again (one sample with a key twice) is no edge
    }

    private void link(BandMember earlier, BandMember later) {
        output.collect(reuse.replace(new NearDupEdge(earlier.order, earlier.id, later.order, later.id, Double.NaN)));
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
        if (!sharedKeyIsEdge) {
            List<BandMember> bucket = new ArrayList<>();
            getKeyedStateBackend().applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, MEMBERS,
                    (key, state) -> {
                        bucket.clear();
                        for (BandMember m : state.get()) {
                            bucket.add(m);
                        }
                        if (bucket.size() > 1) {
                            linkConfirmedPairs(bucket);
                        }
                    });
        }
        ended = true;
        if (heldBack != null) {
            super.processWatermark(heldBack);
        }
    }

    private void linkConfirmedPairs(List<BandMember> bucket) {
        bucket.sort(Comparator.comparingLong(m -> m.order));
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
