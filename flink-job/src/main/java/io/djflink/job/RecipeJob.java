package io.djflink.job;

import io.djflink.ops.OpRegistry;
import io.djflink.recipe.DatasetFiles;
import io.djflink.recipe.OpConfig;
import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeValidator;
import io.djflink.recipe.RuntimeSettings;
import io.djflink.run.Plan;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Set;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a recipe as a bounded Flink job over local files: validates it, builds the graph, runs it
 * on the environment Flink gives (the embedded MiniCluster from the CLI, the test cluster in
 * tests, the session cluster under {@code flink run}), shows progress, merges the committed
 * outputs and prints the summary.
 */
public final class RecipeJob {

    /**
     * Run settings that are not recipe keys.
     *
     * @param checkpointInterval overrides the recipe's {@code djflink.checkpoint.interval} when not null;
     *     {@link Duration#ZERO} turns checkpoints off
     * @param savepoint a savepoint or retained checkpoint to start from, or null
     * @param flinkConf Flink settings laid over the job's own (e.g. a metric reporter, or the web
     *     UI's REST port from {@link WebUi#settings}); they reach the cluster only when the run
     *     starts its own, i.e. outside {@code flink run} and test clusters
     */
    public record Options(Duration checkpointInterval, long maxLineBytes, boolean failFast, boolean progress,
            String savepoint, Map<String, String> flinkConf) {
        public Options {
            flinkConf = Map.copyOf(flinkConf);
        }

        public Options(Duration checkpointInterval, long maxLineBytes, boolean failFast, boolean progress, String savepoint) {
            this(checkpointInterval, maxLineBytes, failFast, progress, savepoint, Map.of());
        }

        public Options(Duration checkpointInterval, long maxLineBytes, boolean failFast, boolean progress) {
            this(checkpointInterval, maxLineBytes, failFast, progress, null, Map.of());
        }

        public Options withFlinkConf(Map<String, String> settings) {
            return new Options(checkpointInterval, maxLineBytes, failFast, progress, savepoint, settings);
        }

        public static Options defaults() {
            return new Options(null, 256L << 20, false, true);
        }
    }

    /** What a finished run produced. */
    public record Result(RunSummary summary, RunOutputs.Written outputs, JobSpec spec) {}

    private RecipeJob() {}

    /** Validates the recipe and prepares the job without running it. */
    public static JobSpec prepare(Recipe recipe, Options options) {
        List<OpConfig> ops = RecipeValidator.validate(recipe, OpRegistry.get(), true);
        RuntimeSettings settings = RuntimeSettings.of(recipe);
        Plan plan = Plan.of(ops, OpRegistry.get(), settings.asyncStages());
        List<Path> inputs = settings.source() == RuntimeSettings.Source.FILES ? DatasetFiles.resolve(recipe) : List.of();
        Path export = Path.of(recipe.exportPath()).toAbsolutePath().normalize();
        Path workDir = Path.of(recipe.workDir()).toAbsolutePath().normalize();
        String runId = UUID.randomUUID().toString().substring(0, 8);
        Path staging = workDir.resolve(".djflink-staging-" + runId);
        Duration interval = options.checkpointInterval() != null ? options.checkpointInterval()
                : settings.checkpointsOff() ? Duration.ZERO : settings.duration("checkpoint.interval", Duration.ofSeconds(10));
        if (interval.isZero() && settings.checkpointsNeededBy() != null) {
            throw new IllegalArgumentException("checkpoints cannot be off for this job: " + settings.checkpointsNeededBy());
        }
        return new JobSpec(runId, recipe, ops, plan, inputs, export, workDir, staging, recipe.np(),
                interval, options.maxLineBytes(), options.failFast(), settings, options.savepoint());
    }

    /**
     * Builds the job and submits it to the environment Flink gives, without waiting: tests and
     * callers that run unbounded jobs hold the client (to cancel, or to take a savepoint).
     */
    public static JobClient submit(JobSpec spec) throws Exception {
        return submit(spec, Map.of());
    }

    /** {@link #submit(JobSpec)} with Flink settings for a cluster the run starts itself (see {@link Options#flinkConf}). */
    public static JobClient submit(JobSpec spec, Map<String, String> flinkConf) throws Exception {
        Files.createDirectories(spec.staging());
        Configuration conf = JobBuilder.configuration(spec);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (env instanceof org.apache.flink.client.program.StreamContextEnvironment) {
            // Under `flink run` or a FlinkDeployment the cluster's configuration (checkpoint
            // storage, restart strategy, RocksDB dirs) wins over djflink's local defaults; what
            // the recipe sets explicitly still applies.
            Map<String, String> cluster = ((Configuration) env.getConfiguration()).toMap();
            Set<String> explicit = JobBuilder.explicitKeys(spec);
            for (String key : Set.copyOf(conf.keySet())) {
                if ((cluster.containsKey(key) || key.startsWith("state.backend.rocksdb.localdir")) && !explicit.contains(key)) {
                    conf.removeKey(key);
                }
            }
            env.configure(conf);
            JobBuilder.build(env, spec);
            return env.executeAsync(spec.recipe().projectName());
        }
        conf.addAll(Configuration.fromMap(flinkConf));
        env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        JobBuilder.build(env, spec);
        JobClient client = env.executeAsync(spec.recipe().projectName());
        // The tasks remove their RocksDB instances; the run's own directory above them goes
        // when the job ends, however it ends and whoever holds the client.
        Path rocksDb = JobBuilder.rocksDbLocalDir(spec);
        client.getJobExecutionResult().whenComplete((result, failure) -> removeIfEmpty(rocksDb));
        return client;
    }

    /**
     * Runs a prepared job to its end: a bounded one (files, a Kafka replay) then merges its
     * outputs and prints the summary; an unbounded one runs until cancelled.
     */
    public static Result run(JobSpec spec, Options options, PrintStream out) throws Exception {
        boolean bounded = spec.settings().boundedSource();
        long total = bounded && spec.settings().source() != RuntimeSettings.Source.KAFKA ? totalBytes(spec.inputs()) : -1;
        if (spec.settings().source() == RuntimeSettings.Source.KAFKA) {
            out.printf("djflink: %s, kafka %s, %s mode, parallelism %d%n", spec.recipe().projectName(),
                    spec.settings().str("kafka.topics", spec.settings().str("kafka.topic-pattern", "")),
                    spec.streaming() ? "streaming" : "batch", spec.parallelism());
        } else {
            out.printf("djflink: %s, %d input file(s), %.1f MB, parallelism %d%n", spec.recipe().projectName(),
                    spec.inputs().size(), Math.max(total, 0) / 1e6, spec.parallelism());
        }
        out.println("plan: " + spec.plan().describe());
        if (!bounded) {
            out.println("unbounded: runs until cancelled; checkpoints (to resume with --from-savepoint) in "
                    + spec.settings().str("checkpoint.dir", spec.workDir().resolve("checkpoints").toString()));
        }
        WebUi.describe(StreamExecutionEnvironment.getExecutionEnvironment(), Configuration.fromMap(options.flinkConf()))
                .ifPresent(out::println);
        long t0 = System.currentTimeMillis();
        JobClient client = submit(spec, options.flinkConf());
        JobExecutionResult result;
        try {
            result = awaitWithProgress(client, spec.runId(), total, options.progress() ? out : null);
        } finally {
            LocalProgress.forget(spec.runId());
            // also here: the run must not return (and the JVM exit) before submit's callback ran
            removeIfEmpty(JobBuilder.rocksDbLocalDir(spec));
        }
        long elapsed = System.currentTimeMillis() - t0;
        // An unbounded job that stopped (stop-with-savepoint) wrote committed part files in place;
        // only a bounded run's parts are merged into Data-Juicer's single files.
        RunOutputs.Written written = bounded ? RunOutputs.finish(spec)
                : new RunOutputs.Written(spec.exportPath(), spec.workDir().resolve("trace"), spec.workDir().resolve("errors"), 0);
        RunSummary summary = new RunSummary(spec.ops(), result.getAllAccumulatorResults(), elapsed);
        summary.print(out);
        out.println("export: " + (spec.settings().sink() == RuntimeSettings.Sink.KAFKA
                ? "kafka topic " + spec.settings().str("kafka.output-topic", "") : written.export()));
        if (spec.recipe().openTracer()) {
            out.println("trace: " + (spec.settings().has("kafka.trace-topic")
                    ? "kafka topic " + spec.settings().str("kafka.trace-topic", "") : written.traceDir()));
        }
        if (spec.settings().has("kafka.errors-topic")) {
            out.println("errors: kafka topic " + spec.settings().str("kafka.errors-topic", ""));
        } else if (!bounded) {
            out.println("errors: " + written.errors() + " (part files)");
        } else if (written.errors() != null) {
            out.println("errors: " + written.errors() + " (" + written.errorLines() + " records)");
        }
        return new Result(summary, written, spec);
    }

    private static JobExecutionResult awaitWithProgress(JobClient client, String runId, long total, PrintStream out) throws Exception {
        var future = client.getJobExecutionResult();
        LocalProgress progress = LocalProgress.of(runId);
        long lastPrint = System.currentTimeMillis();
        while (true) {
            try {
                return future.get(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                if (out != null && System.currentTimeMillis() - lastPrint >= 2000) {
                    lastPrint = System.currentTimeMillis();
                    long b = progress.bytes();
                    if (total < 0) {
                        out.printf("progress: %,d samples read%n", progress.samples());
                    } else {
                        out.printf("progress: %,d samples, %.1f of %.1f MB (%d%%)%n", progress.samples(), b / 1e6, total / 1e6,
                                total == 0 ? 100 : Math.min(100, b * 100 / total));
                    }
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw unwrap(e);
            }
        }
    }

    /**
     * The op failure behind a failed job, if that is what failed it, with its message intact;
     * otherwise a {@link JobFailure} that names the cause.
     */
    private static Exception unwrap(java.util.concurrent.ExecutionException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.djflink.run.OpFailure) {
                return (io.djflink.run.OpFailure) t;
            }
            if (t instanceof org.apache.flink.util.SerializedThrowable
                    && String.valueOf(t.getMessage()).contains("skip_op_error is false")) {
                return new io.djflink.run.OpFailure(t.getMessage());
            }
        }
        return new JobFailure(e);
    }

    /** Flink removes its RocksDB instances when tasks end, but not the per-run directory above them. */
    private static void removeIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // not empty (a task still closing) or not ours to remove: leave it
        }
    }

    private static long totalBytes(List<Path> files) throws IOException {
        long sum = 0;
        for (Path p : files) {
            sum += Files.size(p);
        }
        return sum;
    }
}
