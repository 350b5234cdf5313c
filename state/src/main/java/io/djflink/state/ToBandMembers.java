package io.djflink.state;

import io.djflink.ops.BandKey;
import io.djflink.ops.NearDeduplicator;
import io.djflink.ops.OpRegistry;
import io.djflink.recipe.OpConfig;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * One {@link BandMember} per candidate key of a sample's signature. In streaming mode a sample
 * without candidate keys still sends one member (key {@link #NO_KEYS}, count 0) so that its
 * single answer ("not a duplicate") releases it from the hold.
 */
public final class ToBandMembers extends RichFlatMapFunction<SampleRecord, BandMember> {

    /**
     * The routing key of the member a sample without candidate keys sends in streaming mode. An op
     * may produce the same key by chance; harmless, since a member with count 0 is answered
     * without touching the bucket's state.
     */
    public static final BandKey NO_KEYS = new BandKey(-1L, -1L);

    private final OpConfig op;
    private final boolean streaming;
    private transient NearDeduplicator dedup;
    private transient boolean keepSignature;

    /** For the bounded (batch) stages: a sample without keys sends nothing. */
    public ToBandMembers(OpConfig op) {
        this(op, false);
    }

    /** @param streaming whether the streaming stages follow ({@link StreamingBucketFunction}) */
    public ToBandMembers(OpConfig op, boolean streaming) {
        this.op = op;
        this.streaming = streaming;
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        dedup = (NearDeduplicator) OpRegistry.get().factory(op.name()).create(op.args());
        keepSignature = !dedup.candidatesAreDuplicates();
    }

    @Override
    public void flatMap(SampleRecord rec, Collector<BandMember> out) {
        long order = rec.order();
        String id = rec.sample().root().hasNonNull("id") ? rec.sample().root().get("id").asText() : null;
        BandKey[] keys = dedup.candidateKeys(rec.signature);
        if (keys.length == 0 && streaming) {
            out.collect(new BandMember(NO_KEYS, order, id, null, 0));
            return;
        }
        for (BandKey key : keys) {
            out.collect(new BandMember(key, order, id, keepSignature ? rec.signature : null, keys.length));
        }
    }

    @Override
    public void close() throws Exception {
        if (dedup != null) {
            dedup.close();
        }
    }
}
