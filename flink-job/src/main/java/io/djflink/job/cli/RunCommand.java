package io.djflink.job.cli;

import io.djflink.job.JobSpec;
import io.djflink.job.RecipeJob;
import io.djflink.job.WebUi;
import io.djflink.recipe.RecipeException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code djflink run RECIPE.yaml}: runs a recipe on local files with the embedded Flink cluster. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a recipe on local .jsonl/.jsonl.gz files (embedded Flink MiniCluster unless submitted with 'flink run').")
final class RunCommand implements Callable<Integer> {

    @Mixin
    RecipeOptions recipe;

    @Option(names = "--checkpoint-interval",
            description = "checkpoint interval of the RocksDB state, the source offsets and the sinks, e.g. 10s, 1m, "
                    + "or off for a bounded job (overrides djflink.checkpoint.interval; default 10s)")
    String checkpointInterval;

    @Option(names = {"-s", "--from-savepoint"}, paramLabel = "PATH",
            description = "start from a savepoint or a retained checkpoint (state of the dedup stages, source offsets)")
    String fromSavepoint;

    @Option(names = "--max-line-bytes", defaultValue = "268435456",
            description = "input lines longer than this go to the error output (default: ${DEFAULT-VALUE})")
    long maxLineBytes;

    @Option(names = "--no-progress", description = "do not print progress lines")
    boolean noProgress;

    @Option(names = "--web-ui", arity = "0..1", preprocessor = WebUiPortPreprocessor.class, paramLabel = "PORT",
            description = "serve Flink's web dashboard on http://localhost:PORT while the job runs (PORT default: " + WebUi.DEFAULT_PORT + ")")
    Integer webUi;

    @Override
    public Integer call() throws Exception {
        RecipeJob.Options opts = new RecipeJob.Options(checkpointInterval == null ? null : parseDuration(checkpointInterval),
                maxLineBytes, false, !noProgress, fromSavepoint);
        JobSpec spec;
        try {
            Map<String, String> settings = new LinkedHashMap<>();
            if (webUi != null) {
                WebUi.requireFree(webUi);
                settings.putAll(WebUi.settings(webUi));
            }
            io.djflink.recipe.Recipe loaded = recipe.load();
            // -D Flink keys come last so they can refine the web UI's settings, e.g. rest.bind-address in a container.
            settings.putAll(recipe.flinkSettings());
            opts = opts.withFlinkConf(settings);
            spec = RecipeJob.prepare(loaded, opts);
        } catch (RecipeException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        try {
            RecipeJob.Result r = RecipeJob.run(spec, opts, System.out);
            return r.summary().balanced() ? 0 : 1;
        } catch (io.djflink.run.OpFailure e) {
            System.err.println("djflink: job failed: " + e.getMessage());
            return 1;
        } catch (io.djflink.job.JobFailure e) {
            // The one-line reason last, where a reader of the console looks first.
            e.getCause().printStackTrace();
            System.err.println("djflink: " + e.getMessage());
            return 1;
        }
    }

    static Duration parseDuration(String s) {
        if (s.trim().equalsIgnoreCase(io.djflink.recipe.RuntimeSettings.OFF)) {
            return Duration.ZERO;
        }
        return io.djflink.recipe.RuntimeSettings.parseDuration(s);
    }
}
