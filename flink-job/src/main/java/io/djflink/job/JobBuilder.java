package io.djflink.job;

import io.djflink.job.io.JsonLinesFormat;
import io.djflink.job.io.JsonLinesWriter;
import io.djflink.job.io.RawLine;
import io.djflink.job.io.TraceBucketAssigner;
import io.djflink.ops.OpKind;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.recipe.OpConfig;
import io.djflink.run.Plan;
import io.djflink.run.TraceRecords;
import io.djflink.state.BandMember;
import io.djflink.state.BucketFunction;
import io.djflink.state.ComponentsFunction;
import io.djflink.state.CountingOperators;
import io.djflink.state.CountsCollector;
import io.djflink.state.DurableCounters;
import io.djflink.state.FinalCounts;
import io.djflink.state.HoldFunction;
import io.djflink.state.NearDupEdge;
import io.djflink.state.NearDupVerdict;
import io.djflink.state.SimilarityFunction;
import io.djflink.state.ToBandMembers;
import io.djflink.state.ExactDedupFunction;
import io.djflink.state.JobCounters;
import io.djflink.state.SampleRecord;
import io.djflink.state.SampleRecordTypeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;

/**
 * Turns a planned recipe into a Flink DataStream graph:
 *
 * <pre>
 * files -> parse -> fused[ops...] -> keyBy(signature) -> dedup (RocksDB) -> fused[...] -> ... -> export
 *             \ errors        \ trace, errors                \ trace
 * </pre>
 *
 * Operator uids derive from the op positions and names, so state survives recipe edits that do
 * not touch the stateful stage.
 */
public final class JobBuilder {

    private static final java.time.Duration FINAL_CHECKPOINT_INTERVAL = java.time.Duration.ofSeconds(1);

    private JobBuilder() {}

    /** The Flink configuration of a djflink job: RocksDB, incremental checkpoints, no Kryo. */
    public static Configuration configuration(JobSpec spec) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        // The interval applies while the input is read; once every file is assigned, checkpoints
        // come every second so the final one (which commits the outputs) does not keep a
        // finished job waiting (see BacklogAwareSource).
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL_DURING_BACKLOG, spec.checkpointInterval());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, FINAL_CHECKPOINT_INTERVAL.compareTo(spec.checkpointInterval()) < 0
                ? FINAL_CHECKPOINT_INTERVAL : spec.checkpointInterval());
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, spec.staging().resolve("checkpoints").toUri().toString());
        // Deep work dirs overflow RocksDB's path limit; a short private dir avoids that.
        conf.setString("state.backend.rocksdb.localdir",
                java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "djflink-rocksdb-" + spec.runId()).toString());
        if (spec.failFast()) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        } else {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, java.time.Duration.ofSeconds(2));
        }
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // Fused stages never hold a record after emitting it, so chained operators may share it.
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.set(PipelineOptions.NAME, "djflink: " + spec.recipe().projectName());
        return conf;
    }

    /** Adds the job's graph to {@code env}. */
    public static void build(StreamExecutionEnvironment env, JobSpec spec) {
        env.setParallelism(spec.parallelism());
        List<String> files = spec.inputUris();
        List<OpConfig> ops = spec.ops();
        Map<Integer, String> traceFiles = traceFiles(spec);
        int traceNum = spec.recipe().traceNum();

        FileSource<RawLine> source = FileSource.forBulkFileFormat(
                        new JsonLinesFormat(files, spec.maxLineBytes()),
                        files.stream().map(Path::new).toArray(Path[]::new))
                .build();
        DataStream<RawLine> lines = env.fromSource(new io.djflink.job.io.BacklogAwareSource<>(source), WatermarkStrategy.noWatermarks(), "read jsonl", source.getProducedType()).uid("source:files");

        boolean suffix = ops.stream().anyMatch(o -> o.name().equals("suffix_filter"));
        SingleOutputStreamOperator<SampleRecord> parsed = lines
                .transform("parse", SampleRecordTypeInfo.INSTANCE,
                        new CountingOperators.Process<>(new ParseFunction(files, spec.runId(), suffix), Tags.COUNTS))
                .name("parse").uid("parse");
        List<DataStream<String>> errors = new ArrayList<>();
        List<DataStream<String>> traces = new ArrayList<>();
        errors.add(parsed.getSideOutput(Tags.ERRORS));
        List<DataStream<String>> counts = new ArrayList<>();
        counts.add(parsed.getSideOutput(Tags.COUNTS));

        DataStream<SampleRecord> stream = parsed;
        for (Plan.Segment seg : spec.plan().segments()) {
            if (!seg.chain().isEmpty() || seg.dedup() != null) {
                String ids = seg.chain().stream().map(OpConfig::id).collect(Collectors.joining(","));
                SingleOutputStreamOperator<SampleRecord> chained = stream
                        .transform(stageName(seg), SampleRecordTypeInfo.INSTANCE, new CountingOperators.Process<>(
                                new ChainFunction(seg.chain(), seg.dedup(), traceFiles, traceNum, files), Tags.COUNTS))
                        .uid("fused:" + ids + (seg.dedup() != null ? "|sig:" + seg.dedup().id() : ""));
                errors.add(chained.getSideOutput(Tags.ERRORS));
                traces.add(chained.getSideOutput(Tags.TRACE));
                counts.add(chained.getSideOutput(Tags.COUNTS));
                stream = chained;
            }
            if (seg.near()) {
                OpConfig d = seg.dedup();
                DataStream<NearDupVerdict> verdicts = stream
                        .flatMap(new ToBandMembers(d), TypeInformation.of(BandMember.class))
                        .name("candidate keys of op " + d.index()).uid("keys:" + d.id())
                        .keyBy(m -> m.key, Types.STRING)
                        .process(new BucketFunction(d), TypeInformation.of(NearDupEdge.class))
                        .name("buckets " + d.name() + " (keyed, RocksDB)").uid("buckets:" + d.id())
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
                SingleOutputStreamOperator<SampleRecord> held = stream.keyBy(SampleRecord::order, Types.LONG)
                        .connect(verdicts.keyBy(v -> v.order, Types.LONG))
                        .transform("hold " + d.name() + " (keyed, RocksDB)", SampleRecordTypeInfo.INSTANCE,
                                new CountingOperators.KeyedCo<>(new HoldFunction(d.id(), Tags.TRACE, traceFiles.get(d.index())),
                                        Tags.COUNTS))
                        .uid("hold:" + d.id());
                traces.add(held.getSideOutput(Tags.TRACE));
                counts.add(held.getSideOutput(Tags.COUNTS));
                stream = held;
            } else if (seg.dedup() != null) {
                OpConfig d = seg.dedup();
                SingleOutputStreamOperator<SampleRecord> deduped = stream
                        .keyBy(r -> r.key, Types.STRING)
                        .transform("dedup " + d.name() + " (keyed, RocksDB)", SampleRecordTypeInfo.INSTANCE,
                                new CountingOperators.Keyed<>(new ExactDedupFunction(d.id(), ExactDedupFunction.Mode.EARLIEST,
                                        Tags.TRACE, traceFiles.get(d.index()), traceNum), Tags.COUNTS))
                        .uid("dedup:" + d.id());
                traces.add(deduped.getSideOutput(Tags.TRACE));
                counts.add(deduped.getSideOutput(Tags.COUNTS));
                stream = deduped;
            }
        }

        boolean gzip = spec.gzipExport();
        SingleOutputStreamOperator<String> jsonLines = stream
                .transform("to jsonl", Types.STRING, new CountingOperators.Process<>(
                        new ToJsonLine(spec.recipe().keepStatsInResDs(), suffix), Tags.COUNTS))
                .uid("to-jsonl");
        counts.add(jsonLines.getSideOutput(Tags.COUNTS));
        union(counts).process(new CountsCollector(), Types.VOID).name("counts").uid("counts")
                .setParallelism(1).setMaxParallelism(1)
                .sinkTo(new DiscardingSink<>()).name("counts: discard").uid("sink:counts").setParallelism(1);
        jsonLines
                .sinkTo(FileSink.forBulkFormat(new Path(spec.staging().resolve("export").toUri()), new JsonLinesWriter.Factory(gzip, false))
                        .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(gzip ? ".jsonl.gz" : ".jsonl").build())
                        .build())
                .name("export").uid("sink:export");
        union(errors).sinkTo(FileSink.forBulkFormat(new Path(spec.staging().resolve("errors").toUri()), new JsonLinesWriter.Factory(false, false))
                        .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(".jsonl").build())
                        .build())
                .name("errors").uid("sink:errors");
        if (!traces.isEmpty()) {
            union(traces).sinkTo(FileSink.forBulkFormat(new Path(spec.staging().resolve("trace").toUri()), new JsonLinesWriter.Factory(false, true))
                            .withBucketAssigner(new TraceBucketAssigner())
                            .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(".jsonl").build())
                            .build())
                    .name("trace").uid("sink:trace");
        }
    }

    private static boolean sharedKeyIsEdge(OpConfig op) {
        try (io.djflink.ops.Op created = OpRegistry.get().factory(op.name()).create(op.args())) {
            return ((io.djflink.ops.NearDeduplicator) created).candidatesAreDuplicates();
        } catch (Exception e) {
            throw new IllegalStateException("op " + op.id() + " cannot be created: " + e.getMessage(), e);
        }
    }

    /** A short operator name (Flink truncates metric names past 80 characters). */
    static String stageName(Plan.Segment seg) {
        String ops = seg.chain().stream().map(o -> String.valueOf(o.index())).collect(Collectors.joining(","));
        return "fused ops [" + ops + "]" + (seg.dedup() != null ? " + signature of op " + seg.dedup().index() : "");
    }

    /** Tracer file names of the traced ops, by op index. */
    static Map<Integer, String> traceFiles(JobSpec spec) {
        Map<Integer, String> out = new HashMap<>();
        if (!spec.recipe().openTracer()) {
            return out;
        }
        OpRegistry reg = OpRegistry.get();
        for (OpConfig op : spec.ops()) {
            if (!spec.recipe().traces(op)) {
                continue;
            }
            OpKind kind = reg.factory(op.name()).kind();
            String prefix = kind == OpKind.MAPPER ? "mapper" : kind == OpKind.DEDUPLICATOR ? "duplicate" : "filter";
            out.put(op.index(), TraceRecords.file(prefix, op, spec.ops()));
        }
        return out;
    }

    private static DataStream<String> union(List<DataStream<String>> streams) {
        DataStream<String> first = streams.get(0);
        if (streams.size() == 1) {
            return first;
        }
        @SuppressWarnings("unchecked")
        DataStream<String>[] rest = streams.subList(1, streams.size()).toArray(new DataStream[0]);
        return first.union(rest);
    }

    /** The exported form of a kept sample: Data-Juicer drops stats and tags unless asked to keep them. */
    static final class ToJsonLine extends ProcessFunction<SampleRecord, String> implements CheckpointedFunction, FinalCounts {
        private final boolean keepStats;
        private final boolean dropSuffix;
        private transient DurableCounters written;

        ToJsonLine(boolean keepStats, boolean dropSuffix) {
            this.keepStats = keepStats;
            this.dropSuffix = dropSuffix;
        }

        @Override
        public void initializeState(FunctionInitializationContext ctx) throws Exception {
            written = new DurableCounters("written", List.of(JobCounters.WRITTEN));
            written.initialize(ctx);
        }

        @Override
        public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
            written.snapshot(null);
        }

        @Override
        public java.util.Map<String, Long> finalCounts() {
            return written.totals(null);
        }

        @Override
        public void processElement(SampleRecord r, Context ctx, Collector<String> out) {
            if (!keepStats) {
                r.sample.root().remove(Sample.STATS);
                r.sample.root().remove(Sample.META);
            }
            if (dropSuffix) {
                r.sample.root().remove(Sample.SUFFIX);
            }
            written.add(0, 1);
            out.collect(r.sample.toJson());
        }
    }
}
