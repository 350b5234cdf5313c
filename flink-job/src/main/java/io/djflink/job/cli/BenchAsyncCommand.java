package io.djflink.job.cli;

import io.djflink.job.JobSpec;
import io.djflink.job.RecipeJob;
import io.djflink.job.RunSummary;
import io.djflink.job.bench.LocalChatEndpoint;
import io.djflink.ops.Sample;
import io.djflink.recipe.RecipeLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobExecutionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code djflink bench-async}: an LLM filter ({@code llm_quality_score_filter}) against a local
 * chat-completions endpoint that takes a fixed time per request, run on the embedded cluster once
 * in its async stage and once inline in the fused chain ({@code async.enabled: false}, one request
 * at a time per task). Reports samples per second of each (the job's net runtime) and their ratio.
 */
@Command(name = "bench-async", mixinStandardHelpOptions = true,
        description = "Throughput of an LLM op in its async stage vs the same op run synchronously, against a local "
                + "endpoint with a fixed latency per request.")
final class BenchAsyncCommand implements Callable<Integer> {

    private static final Pattern DOC = Pattern.compile("doc (\\d+)");

    @Option(names = "--latency-ms", defaultValue = "50", description = "time the endpoint takes per request (default: ${DEFAULT-VALUE})")
    long latencyMs;

    @Option(names = "--samples", defaultValue = "4000", description = "samples of the async run (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--sync-samples", defaultValue = "400",
            description = "samples of the synchronous run, which takes latency x samples / np (default: ${DEFAULT-VALUE})")
    int syncSamples;

    @Option(names = "--capacity", defaultValue = "100", description = "async.capacity: samples in flight per task (default: ${DEFAULT-VALUE})")
    int capacity;

    @Option(names = "--np", defaultValue = "2", description = "parallelism (default: ${DEFAULT-VALUE})")
    int np;

    @Option(names = "--work-dir", description = "inputs and outputs (default: a temporary directory)")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("djflink-bench-async");
        // One server thread per request the async runs can have open, so the endpoint's latency is all it adds.
        int threads = Math.max(16, capacity * np);
        try (LocalChatEndpoint endpoint = new LocalChatEndpoint(latencyMs, threads, prompt -> {
            Matcher m = DOC.matcher(prompt);
            int i = m.find() ? Integer.parseInt(m.group(1)) : 0;
            return LocalChatEndpoint.Reply.content(LocalChatEndpoint.qualityRating(i % 5 + 1));
        })) {
            System.out.printf(Locale.ROOT, "endpoint: %s, %d ms per request; np %d%n", endpoint.url(), latencyMs, np);
            double sync = run(dir, endpoint, "sync", syncSamples, false);
            double async = run(dir, endpoint, "async", samples, true);
            System.out.printf(Locale.ROOT, "async / sync throughput: %.1fx%n", async / sync);
        }
        return 0;
    }

    private double run(Path dir, LocalChatEndpoint endpoint, String mode, int n, boolean async) throws Exception {
        Path runDir = Files.createDirectories(dir.resolve(mode));
        // One file per task, so that every task reads.
        List<List<String>> files = new ArrayList<>();
        for (int f = 0; f < np; f++) {
            files.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            Sample s = Sample.ofText("text", "doc " + i + ": a sample for the async benchmark");
            s.root().put("id", i);
            files.get(i % np).add(s.toJson());
        }
        List<String> paths = new ArrayList<>();
        for (int f = 0; f < np; f++) {
            paths.add(Files.write(runDir.resolve("in-" + f + ".jsonl"), files.get(f)).toString());
        }
        String in = String.join(" ", paths);
        String yaml = String.join("\n",
                "project_name: bench-async-" + mode,
                "dataset_path: '" + in + "'",
                "export_path: '" + runDir.resolve("out/kept.jsonl") + "'",
                "work_dir: '" + runDir + "'",
                "np: " + np,
                "open_tracer: false",
                "djflink:",
                "  async.enabled: " + async,
                "  async.capacity: " + capacity,
                "process:",
                "  - llm_quality_score_filter:",
                "      api_endpoint: '" + endpoint.url() + "'",
                "      api_or_hf_model: local-judge",
                "      max_concurrency: " + capacity,
                "");
        JobSpec spec = RecipeJob.prepare(RecipeLoader.parse("bench-async-" + mode + ".yaml", yaml),
                new RecipeJob.Options(null, 256L << 20, true, false));
        JobExecutionResult result = RecipeJob.submit(spec).getJobExecutionResult().get(1, TimeUnit.HOURS);
        RunSummary summary = new RunSummary(spec.ops(), result.getAllAccumulatorResults(), result.getNetRuntime());
        double perSec = summary.read() * 1000.0 / Math.max(1, result.getNetRuntime());
        System.out.printf(Locale.ROOT, "%-5s  plan %s: %d samples (%d kept, %d errors) in %.2f s: %.1f samples/s%n", mode,
                spec.plan().describe(), summary.read(), summary.kept(), summary.errors(), result.getNetRuntime() / 1000.0, perSec);
        return perSec;
    }
}
