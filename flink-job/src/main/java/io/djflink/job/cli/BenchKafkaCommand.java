package io.djflink.job.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.djflink.job.JobSpec;
import io.djflink.job.RecipeJob;
import io.djflink.job.RunSummary;
import io.djflink.job.kafka.LocalKafka;
import io.djflink.ops.OpKind;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.recipe.OpConfig;
import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeLoader;
import io.djflink.recipe.RuntimeSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code djflink bench-kafka}: a recipe end to end from a Kafka topic to a Kafka topic through a
 * local single-node broker. Throughput of bounded replays without checkpoints, at-least-once and
 * exactly-once (ratios against the run without checkpoints, measured in the same command), and
 * the latency of an unbounded streaming job fed at a fixed rate, as a read_committed consumer of
 * the output sees it.
 */
@Command(name = "bench-kafka", mixinStandardHelpOptions = true,
        description = "Kafka end to end through a local broker: replay throughput without checkpoints, at-least-once and "
                + "exactly-once, and streaming latency (p50/p99/max) at a fixed input rate.")
final class BenchKafkaCommand implements Callable<Integer> {

    /** Kafka refuses larger values with its default limits; such corpus documents are left out. */
    private static final int MAX_VALUE_BYTES = 1_000_000;

    @Option(names = "--data", defaultValue = "../shared/data", description = "directory of the corpora (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--corpus", defaultValue = "prose", description = "corpus <name>.jsonl.gz in --data (default: ${DEFAULT-VALUE})")
    String corpus;

    @Option(names = "--recipe", description = "recipe to measure (default: the shipped recipes/redpajama-c4-text.yaml)")
    Path recipe;

    @Option(names = "--samples", defaultValue = "20000",
            description = "samples in the replayed topic, the corpus cycled; copies get a new id and a distinct last line, "
                    + "so exact dedup keeps them (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--warmup-samples",
            description = "samples of the unreported warm-up replay, which lets the JIT compile the ops and the heap grow "
                    + "(default: as many as --samples; 0: none)")
    Integer warmupSamples;

    @Option(names = "--repeat", defaultValue = "2",
            description = "interleaved rounds of the three replays, each round starting with the next mode; a mode's fastest "
                    + "run and least CPU time count (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--partitions", defaultValue = "2", description = "partitions of the input and output topics (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--np", defaultValue = "2", description = "parallelism of the jobs (default: ${DEFAULT-VALUE})")
    int np;

    @Option(names = "--checkpoint-interval", defaultValue = "5s",
            description = "checkpoint interval of the at-least-once and exactly-once runs (default: ${DEFAULT-VALUE})")
    String checkpointInterval;

    @Option(names = "--rate", defaultValue = "200",
            description = "input records per second of the latency runs; keep it below the replay throughput, or the latency "
                    + "measures a growing queue (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--seconds", defaultValue = "30", description = "measured seconds of each latency run (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "5",
            description = "seconds each latency run feeds the job before records count (default: ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(names = "--no-latency", description = "measure the replays only")
    boolean noLatency;

    @Option(names = "--markdown", description = "also print the figures as Markdown tables for docs/benchmarks.md")
    boolean markdown;

    @Option(names = "--work-dir", description = "broker data, checkpoints and logs; kept (default: a temporary directory, deleted at the end)")
    Path workDir;

    /** One bounded replay's figures. */
    record Replay(String mode, long read, long kept, long textBytes, long millis, long cpuMillis, long checkpoints) {
        double recordsPerSec() {
            return read * 1000.0 / Math.max(1, millis);
        }

        double recordsPerCpuSec() {
            return read * 1000.0 / Math.max(1, cpuMillis);
        }

        double textMbPerSec() {
            return textBytes / 1e6 * 1000.0 / Math.max(1, millis);
        }
    }

    /** A mode's replays: its fastest run and its least CPU time count, against other load on the machine. */
    record ModeFigures(String mode, List<Replay> runs) {
        Replay fastest() {
            return runs.stream().min(Comparator.comparingLong(Replay::millis)).orElseThrow();
        }

        long leastCpuMillis() {
            return runs.stream().mapToLong(Replay::cpuMillis).min().orElseThrow();
        }

        double recordsPerCpuSec() {
            return fastest().read() * 1000.0 / Math.max(1, leastCpuMillis());
        }

        String allSeconds() {
            return String.join(" / ", runs.stream().map(r -> String.format(Locale.ROOT, "%.1f", r.millis() / 1000.0)).toList());
        }
    }

    /** One latency run's figures, in milliseconds. */
    record Latency(String delivery, long sent, double sentPerSec, long received, long measured, long p50, long p99, long max, long checkpoints) {}

    private Path dir;
    private Duration interval;
    private Corpus docs;
    private int run;

    @Override
    public Integer call() throws Exception {
        if (samples < 1 || repeat < 1 || partitions < 1 || np < 1 || rate < 1 || seconds < 1 || warmupSeconds < 0) {
            System.err.println("bench-kafka: --samples, --repeat, --partitions, --np, --rate and --seconds must be positive");
            return 2;
        }
        interval = RuntimeSettings.parseDuration(checkpointInterval);
        Recipe base = recipe != null ? RecipeLoader.load(recipe)
                : RecipeLoader.parse("recipes/redpajama-c4-text.yaml", BenchCommand.shipped("recipes/redpajama-c4-text.yaml"));
        docs = Corpus.load(data.resolve(corpus + ".jsonl.gz"), base.textKeys().get(0));
        boolean temporary = workDir == null;
        dir = temporary ? Files.createTempDirectory("djflink-bench-kafka-") : Files.createDirectories(workDir).toAbsolutePath();
        PrintStream out = System.out;
        try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"), Duration.ofSeconds(90))) {
            return measure(kafka, base, out);
        } finally {
            if (temporary) {
                deleteTree(dir);
            }
        }
    }

    private int measure(LocalKafka kafka, Recipe base, PrintStream out) throws Exception {
        List<OpConfig> noDedup = base.process().stream()
                .filter(o -> OpRegistry.get().factory(o.name()).kind() != OpKind.DEDUPLICATOR).toList();
        out.printf("bench-kafka: recipe %s (%d ops), corpus %s (%d docs%s), local broker %s, %d partitions, np %d, %d cores, java %s%n",
                base.source(), base.process().size(), corpus, docs.size(),
                docs.skipped > 0 ? ", " + docs.skipped + " over 1 MB left out" : "", kafka.bootstrap(), partitions, np,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        awaitGroupCoordinator(kafka);
        int warm = warmupSamples != null ? Math.min(warmupSamples, samples) : samples;
        String warmTopic = warm == samples ? "bench-in" : "bench-warmup";
        if (warm > 0 && warm < samples) {
            kafka.createTopics(partitions, warmTopic);
            fill(kafka, warmTopic, warm);
        }
        kafka.createTopics(partitions, "bench-in");
        long t0 = System.nanoTime();
        long[] text = fill(kafka, "bench-in", samples);
        double fillSecs = (System.nanoTime() - t0) / 1e9;
        out.printf("load average at the start: %.1f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.printf("input: %d samples, %.1f text MB, %.1f MB of Kafka values, written in %.1f s%n",
                samples, text[0] / 1e6, text[1] / 1e6, fillSecs);

        if (warm > 0) {
            out.printf("warm-up: replay of %d samples without checkpoints (not reported)%n", warm);
            replay(kafka, base, "warm-up", warmTopic, RuntimeSettings.Delivery.NONE, false, 0);
        }
        String every = "checkpoints every " + checkpointInterval;
        List<String> names = List.of("no checkpoints, delivery none", "at-least-once, " + every, "exactly-once, " + every);
        List<RuntimeSettings.Delivery> deliveries = List.of(RuntimeSettings.Delivery.NONE, RuntimeSettings.Delivery.AT_LEAST_ONCE,
                RuntimeSettings.Delivery.EXACTLY_ONCE);
        List<List<Replay>> runs = new ArrayList<>();
        names.forEach(n -> runs.add(new ArrayList<>()));
        int status = 0;
        // Interleaved rounds, so a burst of other load on the machine slows one run of each mode
        // rather than every run of one mode, and each round starts with the next mode, so no mode
        // always follows the same one; a mode's fastest run and its least CPU time count.
        for (int round = 0; round < repeat; round++) {
            for (int i = 0; i < names.size(); i++) {
                int m = (i + round) % names.size();
                Replay r = replay(kafka, base, names.get(m), "bench-in", deliveries.get(m), m > 0, text[0]);
                out.printf("  %s: %.1f s, %.1f CPU s%n", r.mode(), r.millis() / 1000.0, r.cpuMillis() / 1000.0);
                if (r.read() != samples) {
                    System.err.printf("bench-kafka: the replay '%s' read %d records of %d%n", r.mode(), r.read(), samples);
                    status = 1;
                }
                runs.get(m).add(r);
            }
        }
        List<ModeFigures> replays = new ArrayList<>();
        for (int m = 0; m < names.size(); m++) {
            replays.add(new ModeFigures(names.get(m), runs.get(m)));
        }

        List<Latency> latencies = new ArrayList<>();
        Recipe streaming = base.withProcess(noDedup);
        if (!noLatency) {
            for (RuntimeSettings.Delivery d : List.of(RuntimeSettings.Delivery.AT_LEAST_ONCE, RuntimeSettings.Delivery.EXACTLY_ONCE)) {
                Latency l = latency(kafka, streaming, d);
                latencies.add(l);
                if (l.measured() == 0) {
                    System.err.printf("bench-kafka: the %s latency run received no measured record%n", l.delivery());
                    status = 1;
                }
            }
        }
        out.printf("load average at the end: %.1f (other processes share the %d cores)%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        printTables(out, base, replays, latencies, noDedup.size());
        if (markdown) {
            printMarkdown(out, replays, latencies, noDedup.size() < base.process().size());
        }
        return status;
    }

    /**
     * Asks for a group's offsets once: the broker creates its offsets topic on first use, which
     * would otherwise fail the first run's offset commits while it comes up.
     */
    private static void awaitGroupCoordinator(LocalKafka kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrap()))) {
            admin.listConsumerGroupOffsets("bench-kafka-probe").partitionsToOffsetAndMetadata().get(2, TimeUnit.MINUTES);
        }
    }

    // ---- throughput -------------------------------------------------------------------------

    /** Writes {@code n} samples round-robin over the partitions; returns their text and value bytes. */
    private long[] fill(LocalKafka kafka, String topic, int n) throws Exception {
        long textBytes = 0;
        long valueBytes = 0;
        Map<String, Object> props = producerProps(kafka);
        props.put("linger.ms", "50");
        props.put("batch.size", String.valueOf(1 << 20));
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props)) {
            for (int i = 0; i < n; i++) {
                Corpus.Doc d = docs.doc(i);
                textBytes += d.textBytes();
                valueBytes += d.value().length;
                p.send(new ProducerRecord<>(topic, i % partitions, System.currentTimeMillis(), null, d.value()));
            }
            p.flush();
        }
        return new long[] {textBytes, valueBytes};
    }

    private Replay replay(LocalKafka kafka, Recipe base, String mode, String topic, RuntimeSettings.Delivery delivery,
            boolean checkpoints, long textBytes) throws Exception {
        int k = ++run;
        String output = "bench-out-" + k;
        kafka.createTopics(partitions, output);
        Map<String, Object> s = kafkaSection(base, kafka, topic, output, delivery, k);
        s.put("mode", "batch");
        s.put("kafka.starting-offsets", "earliest");
        s.put("kafka.stopping-offsets", "latest");
        if (checkpoints) {
            s.put("checkpoint.interval", checkpointInterval);
            // A Kafka source reports no backlog, so Flink would checkpoint at the short
            // end-of-input interval JobBuilder sets for bounded jobs for the whole replay.
            s.put("flink.execution.checkpointing.interval", checkpointInterval);
        } else {
            s.put("checkpoint.interval", RuntimeSettings.OFF);
        }
        JobSpec spec = RecipeJob.prepare(runRecipe(base, k, s), options());
        try (CheckpointWatch watch = new CheckpointWatch(spec.staging().resolve("checkpoints"))) {
            long cpu0 = cpuMillis();
            JobClient client = RecipeJob.submit(spec);
            JobExecutionResult result = client.getJobExecutionResult().get(1, TimeUnit.HOURS);
            long cpu = cpuMillis() - cpu0;
            RunSummary summary = new RunSummary(spec.ops(), result.getAllAccumulatorResults(), result.getNetRuntime());
            // The staging directory stays until the whole work directory goes: the JobMaster may
            // still be discarding the last checkpoint in it after the result is out.
            return new Replay(mode, summary.read(), summary.kept(), textBytes, result.getNetRuntime(), cpu, watch.highest());
        }
    }

    // ---- latency ----------------------------------------------------------------------------

    private Latency latency(LocalKafka kafka, Recipe streaming, RuntimeSettings.Delivery delivery) throws Exception {
        int k = ++run;
        String input = "latency-in-" + k;
        String output = "latency-out-" + k;
        kafka.createTopics(partitions, input, output);
        Map<String, Object> s = kafkaSection(streaming, kafka, input, output, delivery, k);
        s.put("mode", "streaming");
        s.put("kafka.starting-offsets", "earliest");
        s.put("checkpoint.interval", checkpointInterval);
        Path checkpoints = dir.resolve("run-" + k).resolve("checkpoints");
        s.put("checkpoint.dir", checkpoints.toUri().toString());
        JobSpec spec = RecipeJob.prepare(runRecipe(streaming, k, s), options());
        try (CheckpointWatch watch = new CheckpointWatch(checkpoints)) {
            JobClient client = RecipeJob.submit(spec);
            try {
                awaitRunning(client);
                long measureFrom = System.currentTimeMillis() + warmupSeconds * 1000L;
                try (LatencyReader reader = new LatencyReader(kafka, output, measureFrom)) {
                    long[] sent = produceAtRate(kafka, input);
                    reader.awaitQuiet(Math.max(2000, 2 * interval.toMillis()), Duration.ofMinutes(3));
                    long[] lat = reader.latencies();
                    Arrays.sort(lat);
                    return new Latency(delivery.name().toLowerCase(Locale.ROOT).replace('_', '-'), sent[0], sent[0] * 1000.0 / Math.max(1, sent[1]),
                            reader.received.get(), lat.length, rank(lat, 0.50), rank(lat, 0.99), lat.length == 0 ? -1 : lat[lat.length - 1],
                            watch.highest());
                }
            } finally {
                cancel(client);
            }
        }
    }

    /**
     * CPU time of this JVM (the embedded Flink cluster) and its children (the broker): it grows
     * less than the wall time when other processes compete for the cores.
     */
    private static long cpuMillis() {
        long nanos = cpuNanos(ProcessHandle.current());
        for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
            nanos += cpuNanos(child);
        }
        return nanos / 1_000_000;
    }

    private static long cpuNanos(ProcessHandle p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static void awaitRunning(JobClient client) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (client.getJobStatus().get() != JobStatus.RUNNING) {
            if (client.getJobStatus().get().isTerminalState() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the streaming job did not start: " + client.getJobStatus().get());
            }
            Thread.sleep(100);
        }
    }

    /** Sends at {@code --rate} for warm-up plus measured seconds; returns the records sent and the milliseconds it took. */
    private long[] produceAtRate(LocalKafka kafka, String topic) throws Exception {
        Map<String, Object> props = producerProps(kafka);
        // Every record leaves at once: batching would add its delay to the measured latency.
        props.put("linger.ms", "0");
        long total = (long) rate * (warmupSeconds + seconds);
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props)) {
            for (long i = 0; i < total; i++) {
                long wait = start + i * 1_000_000_000L / rate - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                p.send(new ProducerRecord<>(topic, (int) (i % partitions), System.currentTimeMillis(), null, docs.doc((int) (i % samples)).value()));
            }
            p.flush();
        }
        return new long[] {total, (System.nanoTime() - start) / 1_000_000};
    }

    private static void cancel(JobClient client) {
        try {
            client.cancel().get(1, TimeUnit.MINUTES);
            client.getJobExecutionResult().get(1, TimeUnit.MINUTES);
        } catch (Exception expected) {
            // a cancelled job's result is a failure; only its end matters here
        }
    }

    /** Nearest-rank percentile of sorted values, -1 for none. */
    static long rank(long[] sorted, double q) {
        if (sorted.length == 0) {
            return -1;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /**
     * Reads the output topic read_committed from its start on its own thread and takes, for every
     * record stamped at or after {@code measureFrom}, the time it arrives minus its timestamp: the
     * job carries the input record's timestamp (the producer's send time) to the output record.
     */
    private static final class LatencyReader implements AutoCloseable {
        final AtomicLong received = new AtomicLong();
        private final AtomicLong lastArrival = new AtomicLong(System.currentTimeMillis());
        private final long measureFrom;
        private final Thread thread;
        private volatile boolean stop;
        private long[] values = new long[1024];
        private int count;
        private volatile Exception failure;

        LatencyReader(LocalKafka kafka, String topic, long measureFrom) {
            this.measureFrom = measureFrom;
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("bootstrap.servers", kafka.bootstrap());
            props.put("isolation.level", "read_committed");
            props.put("enable.auto.commit", "false");
            props.put("key.deserializer", ByteArrayDeserializer.class.getName());
            props.put("value.deserializer", ByteArrayDeserializer.class.getName());
            thread = new Thread(() -> read(props, topic), "bench-kafka-reader");
            thread.setDaemon(true);
            thread.start();
        }

        private void read(Map<String, Object> props, String topic) {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props)) {
                List<TopicPartition> parts = c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                c.assign(parts);
                c.seekToBeginning(parts);
                while (!stop) {
                    var records = c.poll(Duration.ofMillis(100));
                    long now = System.currentTimeMillis();
                    synchronized (this) {
                        for (ConsumerRecord<byte[], byte[]> r : records) {
                            if (r.timestamp() >= measureFrom) {
                                if (count == values.length) {
                                    values = Arrays.copyOf(values, count * 2);
                                }
                                values[count++] = now - r.timestamp();
                            }
                        }
                    }
                    if (!records.isEmpty()) {
                        received.addAndGet(records.count());
                        lastArrival.set(now);
                    }
                }
            } catch (Exception e) {
                failure = e;
            }
        }

        /** Waits until nothing has arrived for {@code quietMillis}, at most {@code max}. */
        void awaitQuiet(long quietMillis, Duration max) throws Exception {
            lastArrival.accumulateAndGet(System.currentTimeMillis(), Math::max);
            long deadline = System.currentTimeMillis() + max.toMillis();
            while (System.currentTimeMillis() - lastArrival.get() < quietMillis && System.currentTimeMillis() < deadline) {
                if (failure != null) {
                    throw failure;
                }
                Thread.sleep(100);
            }
        }

        synchronized long[] latencies() {
            return Arrays.copyOf(values, count);
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(10_000);
        }
    }

    // ---- shared -----------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private Map<String, Object> kafkaSection(Recipe base, LocalKafka kafka, String topic, String output,
            RuntimeSettings.Delivery delivery, int k) {
        Map<String, Object> s = new LinkedHashMap<>();
        if (base.globals().get(RuntimeSettings.SECTION) instanceof Map<?, ?> m) {
            s.putAll((Map<String, Object>) m);
        }
        s.put("source", "kafka");
        s.put("sink", "kafka");
        s.put("kafka.bootstrap-servers", kafka.bootstrap());
        s.put("kafka.topics", topic);
        s.put("kafka.output-topic", output);
        s.put("kafka.group-id", "bench-kafka-" + k);
        // Fresh transactional ids per run: a previous run's producers are never fenced or awaited.
        s.put("kafka.transactional-id-prefix", "bench-kafka-" + k);
        s.put("kafka.delivery", delivery.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        return s;
    }

    private Recipe runRecipe(Recipe base, int k, Map<String, Object> section) {
        Path runDir = dir.resolve("run-" + k);
        return base.with("np", (long) np).with("open_tracer", false)
                .with("export_path", runDir.resolve("unused.jsonl").toString())
                .with("work_dir", runDir.toString())
                .with(RuntimeSettings.SECTION, section);
    }

    private static RecipeJob.Options options() {
        return new RecipeJob.Options(null, 256L << 20, true, false);
    }

    private static Map<String, Object> producerProps(LocalKafka kafka) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", kafka.bootstrap());
        props.put("key.serializer", ByteArraySerializer.class.getName());
        props.put("value.serializer", ByteArraySerializer.class.getName());
        return props;
    }

    // ---- output -----------------------------------------------------------------------------

    private void printTables(PrintStream out, Recipe base, List<ModeFigures> replays, List<Latency> latencies, int streamingOps) {
        ModeFigures none = replays.get(0);
        out.println();
        out.printf("throughput: bounded replays (mode batch, %d ops with dedup), %d samples from %d partitions, np %d, "
                + "%d interleaved rounds; seconds = Flink's net job runtime of the fastest run (final checkpoint included), "
                + "MB = text bytes, CPU s = the least CPU time of this JVM and the broker in a run; ratios against the runs "
                + "without checkpoints:%n", base.process().size(), samples, partitions, np, repeat);
        out.printf("%-38s %8s %10s %10s %7s %7s %9s %7s %5s %7s  %s%n", "mode", "seconds", "records/s", "text MB/s", "ratio",
                "CPU s", "rec/CPU s", "ratio", "chk", "kept", "all runs (s)");
        for (ModeFigures f : replays) {
            Replay r = f.fastest();
            out.printf("%-38s %8.1f %10.0f %10.2f %7.3f %7.1f %9.0f %7.3f %5s %7d  %s%n", f.mode(), r.millis() / 1000.0,
                    r.recordsPerSec(), r.textMbPerSec(), r.recordsPerSec() / none.fastest().recordsPerSec(), f.leastCpuMillis() / 1000.0,
                    f.recordsPerCpuSec(), f.recordsPerCpuSec() / none.recordsPerCpuSec(),
                    r.checkpoints() < 0 ? "-" : String.valueOf(r.checkpoints()), r.kept(), f.allSeconds());
        }
        if (latencies.isEmpty()) {
            return;
        }
        out.println();
        out.printf("latency: unbounded streaming job (mode streaming, %d ops: the recipe without its deduplicator), "
                + "checkpoints every %s, %d records/s for %d s after a %d s warm-up; ms from the producer's send time "
                + "(the record timestamp, carried to the output) to a read_committed consumer's receipt:%n",
                streamingOps, checkpointInterval, rate, seconds, warmupSeconds);
        out.printf("%-14s %8s %10s %9s %9s %8s %8s %8s %12s%n", "delivery", "sent", "sent/s", "received", "measured", "p50", "p99", "max",
                "checkpoints");
        for (Latency l : latencies) {
            out.printf("%-14s %8d %10.0f %9d %9d %8d %8d %8d %12s%n", l.delivery(), l.sent(), l.sentPerSec(), l.received(), l.measured(),
                    l.p50(), l.p99(), l.max(), l.checkpoints() < 0 ? "-" : String.valueOf(l.checkpoints()));
        }
        if (rate > none.fastest().recordsPerSec()) {
            out.printf("note: --rate %d is above the replay throughput without checkpoints (%.0f records/s): the latency includes queueing%n",
                    rate, none.fastest().recordsPerSec());
        }
    }

    private void printMarkdown(PrintStream out, List<ModeFigures> replays, List<Latency> latencies, boolean dedupDropped) {
        ModeFigures none = replays.get(0);
        out.println();
        out.println("| mode | seconds (fastest) | records/s | text MB/s | vs no checkpoints | CPU s (least) | records/CPU s "
                + "| vs no checkpoints | checkpoints | all runs (s) |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (ModeFigures f : replays) {
            Replay r = f.fastest();
            out.printf("| %s | %.1f | %.0f | %.2f | %.3f | %.1f | %.0f | %.3f | %s | %s |%n", f.mode(), r.millis() / 1000.0,
                    r.recordsPerSec(), r.textMbPerSec(), r.recordsPerSec() / none.fastest().recordsPerSec(), f.leastCpuMillis() / 1000.0,
                    f.recordsPerCpuSec(), f.recordsPerCpuSec() / none.recordsPerCpuSec(),
                    r.checkpoints() < 0 ? "-" : String.valueOf(r.checkpoints()), f.allSeconds());
        }
        if (latencies.isEmpty()) {
            return;
        }
        out.println();
        out.printf("Latency (mode streaming%s, %d records/s for %d s, checkpoints every %s):%n%n",
                dedupDropped ? ", recipe without its deduplicator" : "", rate, seconds, checkpointInterval);
        out.println("| delivery | sent | received | p50 ms | p99 ms | max ms |");
        out.println("|---|---:|---:|---:|---:|---:|");
        for (Latency l : latencies) {
            out.printf("| %s | %d | %d | %d | %d | %d |%n", l.delivery(), l.sent(), l.received(), l.p50(), l.p99(), l.max());
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * The highest checkpoint id Flink has written under a directory ({@code chk-N}), sampled every
     * 100 ms while a job runs; -1 if none was seen. Shows how often a run really checkpointed.
     */
    private static final class CheckpointWatch implements AutoCloseable {
        private static final Pattern CHK = Pattern.compile("chk-(\\d+)");
        private final Path dir;
        private final AtomicLong highest = new AtomicLong(-1);
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-kafka-checkpoints");
            t.setDaemon(true);
            return t;
        });

        CheckpointWatch(Path dir) {
            this.dir = dir;
            timer.scheduleWithFixedDelay(this::look, 0, 100, TimeUnit.MILLISECONDS);
        }

        private void look() {
            if (!Files.isDirectory(dir)) {
                return;
            }
            try (Stream<Path> s = Files.walk(dir, 2)) {
                s.forEach(p -> {
                    Matcher m = CHK.matcher(p.getFileName().toString());
                    if (m.matches()) {
                        highest.accumulateAndGet(Long.parseLong(m.group(1)), Math::max);
                    }
                });
            } catch (IOException | java.io.UncheckedIOException e) {
                // a checkpoint directory vanished while listed: the next look sees the newer one
            }
        }

        long highest() {
            look();
            return highest.get();
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    /** The corpus's documents, cycled to any count; a copy gets a new id and a last line naming it. */
    static final class Corpus {
        private final List<ObjectNode> docs;
        private final String textKey;
        final int skipped;

        /** One document as a Kafka value. */
        record Doc(byte[] value, long textBytes) {}

        private Corpus(List<ObjectNode> docs, String textKey, int skipped) {
            this.docs = docs;
            this.textKey = textKey;
            this.skipped = skipped;
        }

        static Corpus load(Path file, String textKey) throws IOException {
            List<ObjectNode> docs = new ArrayList<>();
            int skipped = 0;
            try (InputStream raw = Files.newInputStream(file);
                    InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode n = Sample.JSON.readTree(line);
                    if (!(n instanceof ObjectNode o) || !n.path(textKey).isTextual()) {
                        continue;
                    }
                    if (line.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
                        skipped++;
                        continue;
                    }
                    if (!o.has("id")) {
                        o.put("id", "doc-" + docs.size());
                    }
                    docs.add(o);
                }
            }
            if (docs.isEmpty()) {
                throw new IOException(file + " holds no sample with a '" + textKey + "' string");
            }
            return new Corpus(docs, textKey, skipped);
        }

        int size() {
            return docs.size();
        }

        Doc doc(int i) throws IOException {
            ObjectNode d = docs.get(i % docs.size());
            int copy = i / docs.size();
            if (copy > 0) {
                d = d.deepCopy();
                d.put("id", d.get("id").asText() + "#" + copy);
                d.put(textKey, d.get(textKey).asText() + "\ncopy " + copy);
            }
            return new Doc(Sample.JSON.writeValueAsBytes(d), d.get(textKey).asText().getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
