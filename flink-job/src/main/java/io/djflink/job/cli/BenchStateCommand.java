package io.djflink.job.cli;

import io.djflink.ops.BandKey;
import io.djflink.state.BandKeySerializer;
import io.djflink.state.BandMember;
import io.djflink.state.BandMemberSerializer;
import io.djflink.state.BucketOperator;
import io.djflink.state.NearDupEdge;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code djflink bench-state}: pushes the band keys of many synthetic documents through the keyed
 * candidate-bucket stage (RocksDB, incremental checkpoints) and reports throughput, the JVM heap
 * after GC while the state grows, and the checkpointed state size per document.
 */
@Command(name = "bench-state", mixinStandardHelpOptions = true,
        description = "Stress the near-dedup bucket state: N documents x bands keys through RocksDB keyed state; reports heap and state size.")
final class BenchStateCommand implements Callable<Integer> {

    @Option(names = "--docs", defaultValue = "1000000", description = "synthetic documents (default: ${DEFAULT-VALUE})")
    long docs;

    @Option(names = "--bands", defaultValue = "25", description = "band keys per document (default: ${DEFAULT-VALUE}, MinHash 0.7/256)")
    int bands;

    @Option(names = "--dup-every", defaultValue = "20", description = "every k-th document repeats an earlier one's bands (default: ${DEFAULT-VALUE})")
    int dupEvery;

    @Option(names = "--np", defaultValue = "2", description = "parallelism (default: ${DEFAULT-VALUE})")
    int np;

    @Option(names = "--managed-mb", defaultValue = "0",
            description = "managed memory of the embedded TaskManager in MB, RocksDB's cache and write buffers (0: Flink's default)")
    int managedMb;

    @Option(names = "--bloom", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "RocksDB Bloom filters on new SST files, as djflink's jobs have them (--no-bloom: without)")
    boolean bloom;

    @Option(names = "--checkpoint-timeout", defaultValue = "600",
            description = "seconds before a checkpoint expires (default: ${DEFAULT-VALUE}, Flink's); expired ones are tolerated, as in djflink's bounded jobs")
    int checkpointTimeout;

    @Option(names = "--work-dir", defaultValue = "target/bench-state", description = "checkpoints and RocksDB files (default: ${DEFAULT-VALUE})")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        Path dir = workDir.toAbsolutePath();
        Files.createDirectories(dir);
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(10));
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.resolve("chk").toUri().toString());
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 1);
        conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, Duration.ofSeconds(checkpointTimeout));
        // as djflink's bounded jobs, where barriers wait behind long end-of-input steps
        conf.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, Integer.MAX_VALUE);
        conf.setString("state.backend.rocksdb.localdir", dir.resolve("rocks").toString());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        if (managedMb > 0) {
            conf.set(org.apache.flink.configuration.TaskManagerOptions.MANAGED_MEMORY_SIZE,
                    org.apache.flink.configuration.MemorySize.ofMebiBytes(managedMb));
        }
        io.djflink.job.JobBuilder.rocksDbOptions(conf);
        conf.setString("state.backend.rocksdb.use-bloom-filter", Boolean.toString(bloom));
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(np);
        int b = bands;
        int k = dupEvery;
        env.fromSequence(0, docs - 1)
                .flatMap((Long d, org.apache.flink.util.Collector<BandMember> out) -> {
                    long source = (k > 0 && d % k == k - 1) ? d / 2 : d;
                    for (int i = 0; i < b; i++) {
                        out.collect(new BandMember(new BandKey(i, mix(source * 31 + i)), d, null, null));
                    }
                }, BandMemberSerializer.TYPE)
                .keyBy(m -> m.key, BandKeySerializer.TYPE)
                .transform("buckets", TypeInformation.of(NearDupEdge.class), new BucketOperator())
                .map(e -> LINKS.incrementAndGet(), Types.LONG)
                .sinkTo(new DiscardingSink<>());
        BucketOperator.PROCESSED.set(0);
        LINKS.set(0);
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        System.out.printf("bench-state: %,d docs x %d band keys, np %d, max heap %d MB%n", docs, bands, np,
                Runtime.getRuntime().maxMemory() >> 20);
        long t0 = System.nanoTime();
        JobClient client = env.executeAsync("djflink bench-state");
        long maxHeapAfterGc = 0;
        var done = client.getJobExecutionResult();
        while (true) {
            try {
                done.get(15, TimeUnit.SECONDS);
                break;
            } catch (java.util.concurrent.TimeoutException e) {
                System.gc();
                long used = mem.getHeapMemoryUsage().getUsed();
                maxHeapAfterGc = Math.max(maxHeapAfterGc, used);
                double s = (System.nanoTime() - t0) / 1e9;
                long keys = BucketOperator.PROCESSED.get();
                System.out.printf("  %5.0f s: %,d band keys (%,.0f/s), %,d links, heap after GC %4d MB, checkpoint dir %6.1f MB%n",
                        s, keys, keys / s, LINKS.get(), used >> 20, size(dir.resolve("chk")) / 1e6);
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.gc();
        long state = size(dir.resolve("chk"));
        System.out.printf("done in %.1f s: %,.0f docs/s, %,.0f band keys/s, %,d links; max heap after GC %d MB;"
                        + " last checkpoint dir %.1f MB (%.1f bytes per document, incremental SSTs)%n",
                secs, docs / secs, docs * bands / secs, LINKS.get(), maxHeapAfterGc >> 20, state / 1e6, (double) state / docs);
        return 0;
    }

    /** Links the buckets emitted (same JVM: the embedded cluster). */
    private static final java.util.concurrent.atomic.AtomicLong LINKS = new java.util.concurrent.atomic.AtomicLong();

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** Bytes under {@code p}; files that checkpoint subsumption deletes during the walk are skipped. */
    private static long size(Path p) throws java.io.IOException {
        if (!Files.exists(p)) {
            return 0;
        }
        long[] total = {0};
        Files.walkFileTree(p, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a) {
                total[0] += a.size();
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path f, java.io.IOException e) {
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult postVisitDirectory(Path d, java.io.IOException e) {
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }
}
