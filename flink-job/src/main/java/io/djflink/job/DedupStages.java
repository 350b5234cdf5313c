package io.djflink.job;

import io.djflink.ops.OpRegistry;
import io.djflink.ops.dedup.DedupTtl;
import io.djflink.recipe.OpConfig;
import io.djflink.state.BandKeySerializer;
import io.djflink.state.BandMemberSerializer;
import io.djflink.state.BucketOperator;
import io.djflink.state.ComponentsFunction;
import io.djflink.state.CountingOperators;
import io.djflink.state.ExactDedupFunction;
import io.djflink.state.HoldOperator;
import io.djflink.state.NearDupAnswer;
import io.djflink.state.NearDupEdge;
import io.djflink.state.NearDupVerdict;
import io.djflink.state.SampleRecord;
import io.djflink.state.SampleRecordSerializer;
import io.djflink.state.SimilarityFunction;
import io.djflink.state.StreamingBucketFunction;
import io.djflink.state.StreamingHoldFunction;
import io.djflink.state.ToBandMembers;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The keyed dedup stages of a recipe's deduplicators, with RocksDB state. Operator uids derive
 * from the op's id (position and name), so a savepoint restores them when ops after them change.
 * Batch mode decides when the input ends (Data-Juicer's survivors); streaming mode decides as the
 * watermark passes, in event-time order, with its own stages and uids (their state is not
 * interchangeable with batch state).
 */
final class DedupStages {

    private DedupStages() {}

    /** Exact dedup keyed by the signature the fused stage before computed. */
    static DataStream<SampleRecord> exact(DataStream<SampleRecord> stream, OpConfig d, JobSpec spec,
            Map<Integer, String> traceFiles, JobBuilder.Outputs outs) {
        int traceNum = spec.recipe().traceNum();
        if (spec.streaming()) {
            SingleOutputStreamOperator<SampleRecord> deduped = stream
                    .keyBy(r -> r.key, Types.STRING)
                    .transform("dedup " + d.name() + " (event time, RocksDB)", SampleRecordSerializer.TYPE,
                            new CountingOperators.Keyed<>(new ExactDedupFunction(d.id(), ExactDedupFunction.Mode.EVENT_TIME,
                                    ttl(d), Tags.TRACE, traceFiles.get(d.index()), traceNum), Tags.COUNTS))
                    .uid("dedup-stream:" + d.id());
            outs.traceAndCount(deduped);
            return deduped;
        }
        SingleOutputStreamOperator<SampleRecord> deduped = stream
                .keyBy(r -> r.key, Types.STRING)
                .transform("dedup " + d.name() + " (keyed, RocksDB)", SampleRecordSerializer.TYPE,
                        new CountingOperators.Keyed<>(new ExactDedupFunction(d.id(), ExactDedupFunction.Mode.EARLIEST,
                                Tags.TRACE, traceFiles.get(d.index()), traceNum), Tags.COUNTS))
                .uid("dedup:" + d.id());
        outs.traceAndCount(deduped);
        return deduped;
    }

    /**
     * Near-duplicate dedup: candidate buckets, connected components, then the held samples
     * released or dropped. {@code last}: the op is the recipe's last, so what the hold releases
     * goes straight to the export.
     */
    static DataStream<SampleRecord> near(DataStream<SampleRecord> stream, OpConfig d, JobSpec spec,
            Map<Integer, String> traceFiles, JobBuilder.Outputs outs, boolean last) {
        int traceNum = spec.recipe().traceNum();
        DataStream<SampleRecord> toHold = last && !traceFiles.containsKey(d.index())
                ? exportLines(stream, spec, (spec.streaming() ? "lines-stream:" : "lines:") + d.id())
                : withoutSignature(stream, (spec.streaming() ? "unsigned-stream:" : "unsigned:") + d.id());
        if (spec.streaming()) {
            return nearStreaming(stream, toHold, d, traceFiles.get(d.index()), traceNum, outs);
        }
        DataStream<NearDupVerdict> verdicts = stream
                .flatMap(new ToBandMembers(d), BandMemberSerializer.TYPE)
                .name("candidate keys of op " + d.index()).uid("keys:" + d.id())
                .keyBy(m -> m.key, BandKeySerializer.TYPE)
                .transform("buckets " + d.name() + " (keyed, RocksDB)", TypeInformation.of(NearDupEdge.class),
                        new BucketOperator(d))
                .uid("buckets:" + d.id())
                .keyBy(e -> 0, Types.INT)
                .process(new ComponentsFunction(traceFiles.containsKey(d.index()) ? traceNum : 0),
                        TypeInformation.of(NearDupVerdict.class))
                .name("components " + d.name()).uid("components:" + d.id()).setParallelism(1);
        if (traceFiles.containsKey(d.index()) && sharedKeyIsEdge(d)) {
            // Buckets that trust a shared key never see signatures; traced pairs get theirs here.
            TypeInformation<NearDupVerdict> vt = TypeInformation.of(NearDupVerdict.class);
            DataStream<NearDupVerdict> withDropped = stream.keyBy(SampleRecord::order, Types.LONG)
                    .connect(verdicts.filter(v -> v.traced).name("traced verdicts").uid("traced:" + d.id())
                            .keyBy(v -> v.order, Types.LONG))
                    .process(new SimilarityFunction(d, SimilarityFunction.Hop.DROPPED), vt)
                    .name("similarity (dropped) " + d.name()).uid("similarity-dropped:" + d.id());
            DataStream<NearDupVerdict> measured = stream.keyBy(SampleRecord::order, Types.LONG)
                    .connect(withDropped.keyBy(v -> v.survivor, Types.LONG))
                    .process(new SimilarityFunction(d, SimilarityFunction.Hop.SURVIVOR), vt)
                    .name("similarity (survivor) " + d.name()).uid("similarity-survivor:" + d.id());
            verdicts = verdicts.filter(v -> !v.traced).name("untraced verdicts").uid("untraced:" + d.id())
                    .union(measured);
        }
        SingleOutputStreamOperator<SampleRecord> held = toHold
                .keyBy(SampleRecord::order, Types.LONG)
                .connect(verdicts.keyBy(v -> v.order, Types.LONG))
                .transform("hold " + d.name() + " (keyed, RocksDB)", SampleRecordSerializer.TYPE,
                        new HoldOperator(d.id(), Tags.TRACE, traceFiles.get(d.index()), Tags.COUNTS))
                .uid("hold:" + d.id());
        outs.traceAndCount(held);
        return held;
    }

    /**
     * Streaming near-dedup: each candidate bucket answers whether it holds an earlier near-duplicate
     * of a member once the watermark passes the member's event time; the sample waits, keyed by
     * order, for all its answers. No stage runs at parallelism 1.
     */
    private static DataStream<SampleRecord> nearStreaming(DataStream<SampleRecord> stream, DataStream<SampleRecord> toHold,
            OpConfig d, String traceFile, int traceNum, JobBuilder.Outputs outs) {
        DataStream<NearDupAnswer> answers = stream
                .flatMap(new ToBandMembers(d, true), BandMemberSerializer.TYPE)
                .name("candidate keys of op " + d.index()).uid("keys-stream:" + d.id())
                .keyBy(m -> m.key, BandKeySerializer.TYPE)
                .process(new StreamingBucketFunction(d, ttl(d)), TypeInformation.of(NearDupAnswer.class))
                .name("buckets " + d.name() + " (event time, RocksDB)").uid("buckets-stream:" + d.id());
        SingleOutputStreamOperator<SampleRecord> held = toHold
                .keyBy(SampleRecord::order, Types.LONG)
                .connect(answers.keyBy(a -> a.order, Types.LONG))
                .transform("hold " + d.name() + " (event time, RocksDB)", SampleRecordSerializer.TYPE,
                        new CountingOperators.KeyedCo<>(new StreamingHoldFunction(d.id(), Tags.TRACE, traceFile, traceNum),
                                Tags.COUNTS))
                .uid("hold-stream:" + d.id());
        outs.traceAndCount(held);
        return held;
    }

    /**
     * The samples on their way to the hold, without their signature: the hold never reads it, and
     * it is 8 bytes a hash (2 KB at MinHash's default 256) more to send and to keep in RocksDB for
     * every sample. A new record, since the chained candidate-key stage reads the same object
     * (object reuse); the similarity stages of traced pairs keep reading the signed stream.
     */
    private static DataStream<SampleRecord> withoutSignature(DataStream<SampleRecord> stream, String uid) {
        return stream.map(SampleRecord::withoutSignature, SampleRecordSerializer.TYPE).name("without signature").uid(uid);
    }

    /**
     * The samples on their way to the hold as their export lines, when the hold's output is only
     * exported: the line is written once, beside the signature work, and a kept sample leaves the
     * hold as a copy of it instead of a conversion from Smile at the end of the run, when
     * nothing else is left to do. Untraced ops only: a traced duplicate is written with its stats.
     */
    private static DataStream<SampleRecord> exportLines(DataStream<SampleRecord> stream, JobSpec spec, String uid) {
        java.util.Set<String> dropped = JobBuilder.exportDropped(spec);
        return stream.map(r -> r.withExportLine(JobBuilder.exportLine(r, dropped).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                SampleRecordSerializer.TYPE).name("export lines").uid(uid);
    }

    /** The op's {@code dedup_ttl}, or null for forever. */
    private static Duration ttl(OpConfig op) {
        return DedupTtl.of(OpRegistry.get().factory(op.name()).bind(op.args()));
    }

    private static boolean sharedKeyIsEdge(OpConfig op) {
        try (io.djflink.ops.Op created = OpRegistry.get().factory(op.name()).create(op.args())) {
            return ((io.djflink.ops.NearDeduplicator) created).candidatesAreDuplicates();
        } catch (Exception e) {
            throw new IllegalStateException("op " + op.id() + " cannot be created: " + e.getMessage(), e);
        }
    }
}
