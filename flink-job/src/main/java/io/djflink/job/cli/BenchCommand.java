package io.djflink.job.cli;

import io.djflink.job.JobSpec;
import io.djflink.job.RecipeJob;
import io.djflink.job.bench.ChainBench;
import io.djflink.ops.OpRegistry;
import io.djflink.recipe.OpConfig;
import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeLoader;
import io.djflink.recipe.RecipeValidator;
import io.djflink.run.OpStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code djflink bench}: throughput of a recipe on the benchmark corpora, per core (one thread,
 * against a parse+serialize baseline in the same process) and end to end through the embedded
 * Flink cluster (RocksDB dedup state, checkpoints, file sinks) at parallelism 1 and 2.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure a recipe's throughput on the benchmark corpora (MB/s and samples/s per core).")
final class BenchCommand implements Callable<Integer> {

    /** The end-to-end runs' options: checkpoints every 10 s, lines up to 256 MiB, failing on the first job failure, no progress. */
    private static final RecipeJob.Options JOB_OPTIONS = new RecipeJob.Options(Duration.ofSeconds(10), 256L << 20, true, false);

    @Option(names = "--data", defaultValue = "../shared/data", description = "directory of the corpora (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--corpus", split = ",", defaultValue = "prose,code,licenses,dj",
            description = "corpora to run, <name>.jsonl.gz in --data (default: ${DEFAULT-VALUE})")
    List<String> corpora;

    @Option(names = "--recipe", description = "recipe to measure (default: the shipped recipes/redpajama-c4-text.yaml)")
    Path recipe;

    @Option(names = "--repeat", defaultValue = "3", description = "timed repetitions after one warm-up; the best counts (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--job-np", split = ",", defaultValue = "1,2",
            description = "parallelisms of the end-to-end Flink runs (default: ${DEFAULT-VALUE})")
    List<Integer> jobNp;

    @Option(names = "--no-job", description = "measure the per-core chain only, skip the Flink runs")
    boolean noJob;

    @Option(names = "--scale", defaultValue = "1",
            description = "end-to-end runs read this many passes of each corpus (1-312), each pass with its letters mapped one to one differently"
                    + " so that passes share almost no shingle: long enough runs to measure the steady state (default: ${DEFAULT-VALUE})")
    int scale;

    @Option(names = "--cold", description = "skip the untimed warm-up job, so that the first end-to-end run also pays the JVM's"
            + " warm-up (class loading and compiling Flink's runtime), as a single bin/djflink run does")
    boolean cold;

    @Option(names = "--work-dir", defaultValue = "target/bench", description = "scratch outputs of the job runs (default: ${DEFAULT-VALUE})")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        Recipe r = recipe != null ? RecipeLoader.load(recipe) : RecipeLoader.parse("recipes/redpajama-c4-text.yaml", shipped("recipes/redpajama-c4-text.yaml"));
        List<OpConfig> ops = RecipeValidator.validate(r, OpRegistry.get(), false);
        PrintStream out = System.out;
        out.printf("bench: recipe %s, %d ops, java %s, %d cores%n", r.source(), ops.size(), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        out.println();
        out.println("per core (one thread, in memory; baseline = parse + serialize only):");
        out.printf("%-10s %8s %9s %14s %12s %12s %9s%n", "corpus", "docs", "text MB", "baseline MB/s", "chain MB/s", "chain docs/s", "ratio");
        Map<String, Long> textBytes = new java.util.HashMap<>();
        for (String c : corpora) {
            Path f = data.resolve(c + ".jsonl.gz");
            List<String> lines = ChainBench.readLines(f);
            textBytes.put(c, ChainBench.textBytes(lines, r.textKeys().get(0)));
            ChainBench.Figures fig = ChainBench.measure(c, lines, r.textKeys().get(0), ops, repeat);
            out.printf("%-10s %8d %9.2f %14.1f %12.1f %12.0f %9.3f%n", c, fig.samples(), fig.textBytes() / 1e6,
                    fig.baselineMbPerSec(), fig.chainMbPerSec(), fig.chainSamplesPerSec(), fig.chainMbPerSec() / fig.baselineMbPerSec());
            if (c.equals(corpora.get(0))) {
                printOps(out, fig);
            }
        }
        Map<String, Path> inputs = new java.util.HashMap<>();
        for (String c : noJob ? List.<String>of() : corpora) {
            Path f = data.resolve(c + ".jsonl.gz").toAbsolutePath();
            if (scale > 1) {
                Path scaled = workDir.resolve(c + "-x" + scale + ".jsonl").toAbsolutePath();
                ChainBench.writeScaled(ChainBench.readLines(f), r.textKeys().get(0), scale, scaled);
                f = scaled;
            }
            inputs.put(c, f);
        }
        if (!noJob && !cold) {
            // The first Flink job of a JVM loads and compiles Flink's runtime (about 3 s here), which
            // a long-lived TaskManager pays once: without a warm-up, whichever corpus runs first
            // would carry it and the corpora would not compare.
            JobSpec warm = job(r, data.resolve(corpora.get(0) + ".jsonl.gz"), workDir.resolve("warm-up/out.jsonl"), jobNp.get(0));
            long t0 = System.nanoTime();
            run(warm);
            out.println();
            out.printf("warm-up job, not in the figures below (--cold to skip it): one pass of %s, np=%d, %.2f s%n",
                    corpora.get(0), jobNp.get(0), (System.nanoTime() - t0) / 1e9);
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int np : noJob ? List.<Integer>of() : jobNp) {
            out.println();
            out.printf("end to end through the embedded Flink cluster, np=%d (RocksDB dedup state, checkpoints every 10 s, file sinks)%s:%n",
                    np, scale > 1 ? ", " + scale + " passes of each corpus" : "");
            out.printf("%-10s %9s %10s %10s %14s %14s%n", "corpus", "text MB", "seconds", "MB/s", "MB/s per core", "MB per CPU s");
            for (String c : corpora) {
                long bytes = textBytes.get(c) * scale;
                JobSpec spec = job(r, inputs.get(c), workDir.resolve(c + "-np" + np + "/out.jsonl"), np);
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                run(spec);
                double secs = (System.nanoTime() - t0) / 1e9;
                double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
                out.printf("%-10s %9.2f %10.2f %10.1f %14.1f %14.1f%n", c, bytes / 1e6, secs, bytes / 1e6 / secs,
                        bytes / 1e6 / secs / np, bytes / 1e6 / cpu);
            }
        }
        return 0;
    }

    /** The recipe as a bench job: {@code input} exported to {@code export} at parallelism {@code np}, without the tracer. */
    private static JobSpec job(Recipe r, Path input, Path export, int np) throws Exception {
        return RecipeJob.prepare(r.with("dataset_path", input.toAbsolutePath().toString())
                .with("export_path", export.toAbsolutePath().toString())
                .with("np", (long) np).with("open_tracer", false), JOB_OPTIONS);
    }

    /** Runs a bench job to its end, its progress and summary discarded. */
    private static void run(JobSpec spec) throws Exception {
        RecipeJob.run(spec, JOB_OPTIONS, new PrintStream(new ByteArrayOutputStream()));
    }

    private static void printOps(PrintStream out, ChainBench.Figures fig) {
        out.printf("  per op on %s (µs per sample in, share of op time):%n", fig.corpus());
        long total = fig.ops().values().stream().mapToLong(s -> s.nanos).sum();
        for (Map.Entry<String, OpStats> e : fig.ops().entrySet()) {
            OpStats s = e.getValue();
            out.printf("    %-40s %10.2f %6.1f%%%n", e.getKey(), s.in == 0 ? 0 : s.nanos / 1e3 / s.in, 100.0 * s.nanos / Math.max(1, total));
        }
    }

    /** A file shipped in the jar (recipes/...), as text. */
    static String shipped(String resource) throws IOException {
        try (InputStream in = BenchCommand.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("resource " + resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
