package io.djflink.state;

import io.djflink.ops.BandKey;
import io.djflink.ops.NearDeduplicator;
import io.djflink.ops.OpRegistry;
import io.djflink.recipe.OpConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One candidate bucket (LSH band key, SimHash block key) of a streaming near-dedup, in keyed
 * state. It answers, for every member, whether the bucket holds an earlier near-duplicate of it;
 * {@link StreamingHoldFunction} joins a sample's answers.
 *
 * <p>The rule: "earlier" is the total order (event time, then ingestion order); a sample is a
 * duplicate iff one of its buckets holds an earlier member that is a near-duplicate of it (when
 * {@link NearDeduplicator#candidatesAreDuplicates()}, as for MinHash, any earlier member; otherwise
 * one that {@link NearDeduplicator#isDuplicate} confirms, as for SimHash). Every earlier member
 * counts, whether it was kept or dropped itself. To decide in that order whatever the arrival
 * order, a member waits in the bucket until the watermark passes its event time; then the waiting
 * members up to the watermark are decided in total order. A member that arrives behind the
 * watermark (late) is decided at once against the members seen so far: only then does arrival
 * order matter (a late sample is dropped if a copy with a later event time was seen before it).
 * A member without an event time is decided on arrival too, but not marked late.
 *
 * <p>Where this differs from the bounded (batch) mode: batch drops every member of a connected
 * component of the candidate graph but its earliest; streaming drops only samples that have an
 * earlier near-duplicate of their own. With chains A-C and B-C (A before B before C, A and B not
 * similar) batch keeps only A, streaming keeps A and B.
 *
 * <p>State per bucket: the members waiting for the watermark; then, when a shared key already
 * makes a duplicate, only the earliest member (order and id), otherwise every member's order, id
 * and signature. With {@code dedup_ttl} those remembered members expire that long (processing
 * time) after they were written; an expired member no longer makes later ones duplicates.
 */
public final class StreamingBucketFunction extends KeyedProcessFunction<BandKey, BandMember, NearDupAnswer> {

    private static final Comparator<BandMember> BY_ORDER = Comparator.comparingLong(m -> m.order);

    private final OpConfig op;
    private final Duration ttl;

    private transient NearDeduplicator dedup;
    private transient boolean sharedKeyIsDuplicate;
    private transient MapState<Long, List<BandMember>> waiting;
    private transient ValueState<BandMember> earliest;
    private transient ListState<BandMember> members;

    /**
     * @param op the near-dedup op (its signature comparison and the shape of its keys)
     * @param ttl how long remembered members are kept ({@code dedup_ttl}), or null for forever
     */
    public StreamingBucketFunction(OpConfig op, Duration ttl) {
        this.op = op;
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        dedup = (NearDeduplicator) OpRegistry.get().factory(op.name()).create(op.args());
        sharedKeyIsDuplicate = dedup.candidatesAreDuplicates();
        TypeInformation<BandMember> type = BandMemberSerializer.TYPE;
        waiting = getRuntimeContext().getMapState(new MapStateDescriptor<>("waiting", Types.LONG, Types.LIST(type)));
        if (sharedKeyIsDuplicate) {
            earliest = getRuntimeContext().getState(DedupStateTtl.expireAfter(new ValueStateDescriptor<>("earliest", type), ttl));
        } else {
            members = getRuntimeContext().getListState(DedupStateTtl.expireAfter(new ListStateDescriptor<>("members", type), ttl));
        }
    }

    @Override
    public void processElement(BandMember m, Context ctx, Collector<NearDupAnswer> out) throws Exception {
        if (m.count == 0) {
            // a sample without candidate keys has nothing to be compared with
            out.collect(NearDupAnswer.unique(m.order, 1, false));
            return;
        }
        Long ts = ctx.timestamp();
        if (ts == null || ts <= ctx.timerService().currentWatermark()) {
            out.collect(decide(m, ts != null));
            return;
        }
        List<BandMember> at = waiting.get(ts);
        if (at == null) {
            at = new ArrayList<>(1);
            ctx.timerService().registerEventTimeTimer(ts);
        }
        at.add(m);
        waiting.put(ts, at);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<NearDupAnswer> out) throws Exception {
        List<BandMember> at = waiting.get(timestamp);
        if (at == null) {
            return;
        }
        waiting.remove(timestamp);
        // timers fire in event-time order, so with this sort members are decided in the total order
        at.sort(BY_ORDER);
        for (BandMember m : at) {
            out.collect(decide(m, false));
        }
    }

    /** Answers for {@code m} against the members remembered so far, then remembers it. */
    private NearDupAnswer decide(BandMember m, boolean late) throws Exception {
        if (sharedKeyIsDuplicate) {
            BandMember first = earliest.value();
            if (first == null) {
                earliest.update(new BandMember(null, m.order, m.id, null));
                return NearDupAnswer.unique(m.order, m.count, late);
            }
            // the same key twice in one sample's keys must not make it its own duplicate
            return first.order == m.order ? NearDupAnswer.unique(m.order, m.count, late)
                    : NearDupAnswer.duplicateOf(m.order, m.count, late, first.order, first.id, Double.NaN);
        }
        NearDupAnswer answer = null;
        for (BandMember other : members.get()) {
            if (other.order != m.order && dedup.isDuplicate(other.signature, m.signature)) {
                answer = NearDupAnswer.duplicateOf(m.order, m.count, late, other.order, other.id,
                        dedup.similarity(other.signature, m.signature));
                break;
            }
        }
        members.add(new BandMember(null, m.order, m.id, m.signature));
        return answer != null ? answer : NearDupAnswer.unique(m.order, m.count, late);
    }

    @Override
    public void close() throws Exception {
        if (dedup != null) {
            dedup.close();
        }
    }
}
