package io.djflink.job;

import io.djflink.ops.OpRegistry;
import io.djflink.recipe.DatasetFiles;
import io.djflink.recipe.OpConfig;
import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeValidator;
import io.djflink.run.Plan;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.JobExecutionResult;
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
     * @param flinkConf Flink settings laid over the job's own (e.g. a metric reporter, or the web
     *     UI's REST port from {@link WebUi#settings}); they reach the cluster only when the run
     *     starts its own, i.e. outside {@code flink run} and test clusters
     */
    public record Options(Duration checkpointInterval, long maxLineBytes, boolean failFast, boolean progress,
            Map<String, String> flinkConf) {
        public Options {
            flinkConf = Map.copyOf(flinkConf);
        }

        public Options(Duration checkpointInterval, long maxLineBytes, boolean failFast, boolean progress) {
            this(checkpointInterval, maxLineBytes, failFast, progress, Map.of());
        }

        public Options withFlinkConf(Map<String, String> settings) {
            return new Options(checkpointInterval, maxLineBytes, failFast, progress, settings);
        }

        public static Options defaults() {
            return new Options(Duration.ofSeconds(10), 256L << 20, false, true);
        }
    }

    /** What a finished run produced. */
    public record Result(RunSummary summary, RunOutputs.Written outputs, JobSpec spec) {}

    private RecipeJob() {}

    /** Validates the recipe and prepares the job without running it. */
    public static JobSpec prepare(Recipe recipe, Options options) {
        List<OpConfig> ops = RecipeValidator.validate(recipe, OpRegistry.get(), true);
        Plan plan = Plan.of(ops, OpRegistry.get());
        List<Path> inputs = DatasetFiles.resolve(recipe);
        Path export = Path.of(recipe.exportPath()).toAbsolutePath().normalize();
        Path workDir = Path.of(recipe.workDir()).toAbsolutePath().normalize();
        String runId = UUID.randomUUID().toString().substring(0, 8);
        Path staging = workDir.resolve(".djflink-staging-" + runId);
        return new JobSpec(runId, recipe, ops, plan, inputs, export, workDir, staging, recipe.np(),
                options.checkpointInterval(), options.maxLineBytes(), options.failFast());
    }

    /** Runs a prepared job to the end. */
    public static Result run(JobSpec spec, Options options, PrintStream out) throws Exception {
        Files.createDirectories(spec.staging());
        org.apache.flink.configuration.Configuration conf = JobBuilder.configuration(spec);
        conf.addAll(org.apache.flink.configuration.Configuration.fromMap(options.flinkConf()));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        JobBuilder.build(env, spec);
        long total = totalBytes(spec.inputs());
        out.printf("djflink: %s, %d input file(s), %.1f MB, parallelism %d%n", spec.recipe().projectName(),
                spec.inputs().size(), total / 1e6, spec.parallelism());
        out.println("plan: " + spec.plan().describe());
        WebUi.describe(env, conf).ifPresent(out::println);
        long t0 = System.currentTimeMillis();
        JobClient client = env.executeAsync(spec.recipe().projectName());
        JobExecutionResult result;
        try {
            result = awaitWithProgress(client, spec.runId(), total, options.progress() ? out : null);
        } finally {
            LocalProgress.forget(spec.runId());
        }
        long elapsed = System.currentTimeMillis() - t0;
        RunOutputs.Written written = RunOutputs.finish(spec);
        RunSummary summary = new RunSummary(spec.ops(), result.getAllAccumulatorResults(), elapsed);
        summary.print(out);
        out.println("export: " + written.export());
        if (spec.recipe().openTracer()) {
            out.println("trace: " + written.traceDir());
        }
        if (written.errors() != null) {
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
                    out.printf("progress: %,d samples, %.1f of %.1f MB (%d%%)%n", progress.samples(), b / 1e6, total / 1e6,
                            total == 0 ? 100 : Math.min(100, b * 100 / total));
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw unwrap(e);
            }
        }
    }

    /** The op failure behind a failed job, if that is what failed it, with its message intact. */
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
        return e;
    }

    private static long totalBytes(List<Path> files) throws IOException {
        long sum = 0;
        for (Path p : files) {
            sum += Files.size(p);
        }
        return sum;
    }
}
