package io.djflink.state;

import io.djflink.ops.NearDeduplicator;
import io.djflink.ops.OpRegistry;
import io.djflink.recipe.OpConfig;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/** One {@link BandMember} per candidate key of a sample's signature. */
public final class ToBandMembers extends RichFlatMapFunction<SampleRecord, BandMember> {

    private final OpConfig op;
    private transient NearDeduplicator dedup;
    private transient boolean keepSignature;

    public ToBandMembers(OpConfig op) {
        this.op = op;
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        dedup = (NearDeduplicator) OpRegistry.get().factory(op.name()).create(op.args());
        keepSignature = !dedup.candidatesAreDuplicates();
    }

    @Override
    public void flatMap(SampleRecord rec, Collector<BandMember> out) {
        long order = rec.order();
        String id = rec.sample.root().hasNonNull("id") ? rec.sample.root().get("id").asText() : null;
        for (String key : dedup.candidateKeys(rec.signature)) {
            out.collect(new BandMember(key, order, id, keepSignature ? rec.signature : null));
        }
    }

    @Override
    public void close() throws Exception {
        if (dedup != null) {
            dedup.close();
        }
    }
}
