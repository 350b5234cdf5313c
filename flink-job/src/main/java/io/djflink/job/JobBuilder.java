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
import io.djflink.state.ComponentsFunction;
import io.djflink.state.CountingOperators;
import io.djflink.state.CountsCollector;
import io.djflink.state.DurableCounters;
import io.djflink.state.FinalCounts;
import io.djflink.state.NearDupEdge;
import io.djflink.state.NearDupVerdict;
import io.djflink.state.SimilarityFunction;
import io.djflink.state.ToBandMembers;
import io.djflink.state.ExactDedupFunction;
import io.djflink.state.JobCounters;
import io.djflink.state.SampleRecord;
import io.djflink.state.SampleRecordSerializer;
import io.djflink.state.SampleSmile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Turns a planned recipe into a Flink DataStream graph ({@link Sources}, the stages here and in
 * {@link DedupStages}, {@link Sinks}):
 *
 * <pre>
 * files|kafka -> parse -> fused[ops...] -> keyBy(signature) -> dedup (RocksDB) -> fused[...] -> ... -> export
 *             \ errors        \ trace, errors                \ trace
 * </pre>
 *
 * Operator uids derive from the op positions and names, so state survives recipe edits that do
 * not touch the stateful stage.
 */
public final class JobBuilder {

    private static final java.time.Duration FINAL_CHECKPOINT_INTERVAL = java.time.Duration.ofSeconds(1);

    private JobBuilder() {}

    /** RocksDB's table options in djflink's jobs (and the state benchmarks, which should measure the same). */
    public static void rocksDbOptions(Configuration conf) {
        // Dedup keys are hashes that do not compress, and held samples live only until their
        // verdict: compressing them costs CPU in every flush and compaction for little space
        // (1.3x more MB per CPU second end to end on near-dup prose, docs/benchmarks.md).
        conf.setString("state.backend.rocksdb.compression.per.level", "NO_COMPRESSION");
        // Most dedup lookups are for keys never seen (a new band, a new signature): without a
        // Bloom filter each one reads index and data blocks of every level to find nothing.
        conf.setString("state.backend.rocksdb.use-bloom-filter", "true");
        // A whole-file filter (and index) block is large once an SST holds millions of keys; when
        // the block cache (managed memory) cannot keep them all, lookups reload whole blocks, and
        // the bucket stage spent several times the CPU (BucketStageCpuBench). Partitioned, only
        // the small partitions a lookup needs are loaded.
        conf.setString("state.backend.rocksdb.memory.partitioned-index-filters", "true");
    }

    /** The run's private RocksDB working directory (on the machine that runs the tasks). */
    static java.nio.file.Path rocksDbLocalDir(JobSpec spec) {
        return java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "djflink-rocksdb-" + spec.runId());
    }

    /** The Flink configuration of a djflink job: RocksDB, incremental checkpoints, no Kryo. */
    public static Configuration configuration(JobSpec spec) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        if (!spec.checkpointing()) {
            // Without an interval Flink never checkpoints, and the sinks of a bounded job commit
            // when their input ends (RecipeJob.prepare refuses the jobs that cannot).
        } else if (spec.settings().source() == io.djflink.recipe.RuntimeSettings.Source.FILES) {
            // The interval applies while the input is read; once every reader has run out of
            // splits, checkpoints come every second so the final one (which commits the outputs)
            // does not keep a finished job waiting (batch mode; see BacklogAwareSource).
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL_DURING_BACKLOG, spec.checkpointInterval());
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, FINAL_CHECKPOINT_INTERVAL.compareTo(spec.checkpointInterval()) < 0
                    ? FINAL_CHECKPOINT_INTERVAL : spec.checkpointInterval());
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, spec.staging().resolve("checkpoints").toUri().toString());
        } else if (spec.settings().boundedSource()) {
            // A Kafka replay reports no backlog, so it checkpoints at the recipe's interval throughout.
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, spec.checkpointInterval());
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, spec.staging().resolve("checkpoints").toUri().toString());
        } else {
            // An unbounded job is resumed from its last checkpoint after a crash or a cancel, so
            // checkpoints live beside the outputs and outlive the job.
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, spec.checkpointInterval());
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, spec.settings().str("checkpoint.dir",
                    spec.workDir().resolve("checkpoints").toUri().toString()));
            conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    org.apache.flink.configuration.ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        }
        if (spec.checkpointing() && spec.settings().boundedSource()) {
            // The end of a bounded input runs long single steps (the SimHash link scan, the
            // release of held samples) that barriers wait behind; a checkpoint expiring there
            // must not fail a job that is about to finish. The final checkpoint still commits.
            conf.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, Integer.MAX_VALUE);
        }
        rocksDbOptions(conf);
        // Deep work dirs overflow RocksDB's path limit; a short private dir avoids that.
        conf.setString("state.backend.rocksdb.localdir", rocksDbLocalDir(spec).toString());
        if (spec.failFast()) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        } else if (spec.settings().boundedSource()) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, java.time.Duration.ofSeconds(2));
        } else {
            // A continuous job keeps trying, backing off from 1 s to 1 min between attempts.
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, java.time.Duration.ofSeconds(1));
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, java.time.Duration.ofMinutes(1));
        }
        if (spec.savepoint() != null) {
            conf.set(org.apache.flink.configuration.StateRecoveryOptions.SAVEPOINT_PATH, spec.savepoint());
            // Stages after the last deduplicator may be removed between savepoint and restore;
            // their state is dropped. A dedup stage without its state is refused (RestoreGuard).
            conf.set(org.apache.flink.configuration.StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        }
        conf.set(PipelineOptions.GLOBAL_JOB_PARAMETERS,
                Map.of(io.djflink.state.RestoreGuard.PARAMETER, spec.settings().str("dedup-state", "keep")));
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // Fused stages never hold a record after emitting it, so chained operators may share it.
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.set(PipelineOptions.NAME, "djflink: " + spec.recipe().projectName());
        // The recipe's flink.* keys come last: the user's word wins.
        spec.settings().withPrefix("flink.").forEach(conf::setString);
        return conf;
    }

    /** The Flink keys the recipe sets itself ({@code checkpoint.*}, {@code flink.*}), which win over a cluster's. */
    static java.util.Set<String> explicitKeys(JobSpec spec) {
        java.util.Set<String> keys = new java.util.HashSet<>(spec.settings().withPrefix("flink.").keySet());
        if (spec.settings().has("checkpoint.interval")) {
            keys.add(CheckpointingOptions.CHECKPOINTING_INTERVAL.key());
        }
        if (spec.settings().has("checkpoint.dir")) {
            keys.add(CheckpointingOptions.CHECKPOINTS_DIRECTORY.key());
        }
        return keys;
    }

    /** Adds the job's graph to {@code env}: source, the recipe's stages, sinks. */
    public static void build(StreamExecutionEnvironment env, JobSpec spec) {
        env.setParallelism(spec.parallelism());
        Outputs outs = new Outputs();
        DataStream<SampleRecord> parsed = Sources.samples(env, spec, outs);
        DataStream<SampleRecord> kept = pipeline(parsed, spec, outs);
        Sinks.attach(kept, spec, outs);
    }

    /** The side streams every stage adds to: errors, tracer records, final counts. */
    public static final class Outputs {
        final List<DataStream<String>> errors = new ArrayList<>();
        final List<DataStream<String>> traces = new ArrayList<>();
        final List<DataStream<String>> counts = new ArrayList<>();

        /** Adds a stage's tracer records and final counts. */
        void traceAndCount(SingleOutputStreamOperator<?> stage) {
            traces.add(stage.getSideOutput(Tags.TRACE));
            counts.add(stage.getSideOutput(Tags.COUNTS));
        }
    }

    /**
     * The recipe's stages on a stream of parsed samples: fused mapper/filter chains and the keyed
     * dedup stages. Returns the kept samples; side streams go to {@code outs}.
     */
    public static DataStream<SampleRecord> pipeline(DataStream<SampleRecord> parsed, JobSpec spec, Outputs outs) {
        Map<Integer, String> traceFiles = traceFiles(spec);
        int traceNum = spec.recipe().traceNum();
        DataStream<SampleRecord> stream = parsed;
        List<Plan.Segment> segments = spec.plan().segments();
        for (Plan.Segment seg : segments) {
            if (seg.async() != null) {
                stream = asyncStage(stream, seg.async(), spec, traceFiles.get(seg.async().index()), traceNum, outs);
                continue;
            }
            if (!seg.chain().isEmpty() || seg.dedup() != null) {
                String ids = seg.chain().stream().map(OpConfig::id).collect(Collectors.joining(","));
                SingleOutputStreamOperator<SampleRecord> chained = stream
                        .transform(stageName(seg), SampleRecordSerializer.TYPE, new CountingOperators.Process<>(
                                new ChainFunction(seg.chain(), seg.dedup(), traceFiles, traceNum, spec.origins()), Tags.COUNTS))
                        .uid("fused:" + ids + (seg.dedup() != null ? "|sig:" + seg.dedup().id() : ""));
                outs.errors.add(chained.getSideOutput(Tags.ERRORS));
                outs.traceAndCount(chained);
                stream = chained;
            }
            if (seg.near()) {
                stream = DedupStages.near(stream, seg.dedup(), spec, traceFiles, outs, seg == segments.get(segments.size() - 1));
            } else if (seg.dedup() != null) {
                stream = DedupStages.exact(stream, seg.dedup(), spec, traceFiles, outs);
            }
        }
        return stream;
    }

    /**
     * The stage of one async op: {@code AsyncDataStream} with the op's (else the recipe's) capacity
     * and timeout, unordered unless {@code async.ordered}, then the chained router of its outcomes.
     * Unordered is the default because nothing downstream depends on arrival order: dedup decides
     * by ingestion position (batch) or event time (streaming; an unordered async stage still keeps
     * records between the watermarks they arrived between), and Data-Juicer's export order is
     * input order only at parallelism 1, which {@code async.ordered: true} gives back.
     */
    static DataStream<SampleRecord> asyncStage(DataStream<SampleRecord> in, OpConfig op, JobSpec spec, String traceFile,
            int traceNum, Outputs outs) {
        io.djflink.recipe.RuntimeSettings settings = spec.settings();
        Integer capacity;
        java.time.Duration timeout;
        try (io.djflink.ops.Op created = OpRegistry.get().factory(op.name()).create(op.args())) {
            io.djflink.ops.AsyncOp a = (io.djflink.ops.AsyncOp) created;
            capacity = a.capacity();
            timeout = a.timeout();
        } catch (Exception e) {
            throw new IllegalArgumentException(op.id() + ": " + e.getMessage(), e);
        }
        if (capacity == null) {
            capacity = settings.integer("async.capacity", 100);
        }
        if (timeout == null) {
            timeout = settings.duration("async.timeout", java.time.Duration.ofMinutes(10));
        }
        AsyncOpFunction fn = new AsyncOpFunction(op, spec.origins(), timeout);
        boolean ordered = Boolean.parseBoolean(settings.str("async.ordered", "false"));
        SingleOutputStreamOperator<SampleRecord> results = ordered
                ? org.apache.flink.streaming.api.datastream.AsyncDataStream.orderedWait(in, fn, timeout.toMillis(),
                        java.util.concurrent.TimeUnit.MILLISECONDS, capacity)
                : org.apache.flink.streaming.api.datastream.AsyncDataStream.unorderedWait(in, fn, timeout.toMillis(),
                        java.util.concurrent.TimeUnit.MILLISECONDS, capacity);
        results.name("async op " + op.index() + " (" + op.name() + ")").uid("async:" + op.id());
        SingleOutputStreamOperator<SampleRecord> routed = results
                .transform("outcomes of op " + op.index(), SampleRecordSerializer.TYPE,
                        new CountingOperators.Process<>(new AsyncOutcomeFunction(op, traceFile, traceNum), Tags.COUNTS))
                .uid("async-out:" + op.id());
        outs.errors.add(routed.getSideOutput(Tags.ERRORS));
        outs.traceAndCount(routed);
        return routed;
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

    /**
     * The top-level fields the export leaves out: Data-Juicer drops stats and tags unless asked
     * to keep them, and the file suffix it adds for suffix_filter.
     */
    static Set<String> exportDropped(JobSpec spec) {
        return exportDropped(spec.recipe().keepStatsInResDs(), spec.ops().stream().anyMatch(o -> o.name().equals("suffix_filter")));
    }

    static Set<String> exportDropped(boolean keepStats, boolean dropSuffix) {
        Set<String> d = new HashSet<>();
        if (!keepStats) {
            d.add(Sample.STATS);
            d.add(Sample.META);
        }
        if (dropSuffix) {
            d.add(Sample.SUFFIX);
        }
        return Set.copyOf(d);
    }

    /** The export line of a record's sample, without the {@code dropped} fields; the sample is left as it is. */
    static String exportLine(SampleRecord r, Set<String> dropped) {
        byte[] line = r.exportLine();
        if (line != null) {
            return new String(line, java.nio.charset.StandardCharsets.UTF_8);
        }
        byte[] smile = r.unparsedSmile();
        if (smile != null) {
            // Held samples come out of state unparsed: streamed to JSON, no tree is built.
            return SampleSmile.toJson(smile, dropped);
        }
        return r.sample().toJson(dropped);
    }

    /** The exported form of a kept sample: its JSON line without the fields the export leaves out. */
    static final class ToJsonLine extends ProcessFunction<SampleRecord, String> implements CheckpointedFunction, FinalCounts {
        private final Set<String> dropped;
        private transient DurableCounters written;

        ToJsonLine(Set<String> dropped) {
            this.dropped = dropped;
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
            written.add(0, 1);
            out.collect(line(r));
        }

        String line(SampleRecord r) {
            return exportLine(r, dropped);
        }
    }
}
