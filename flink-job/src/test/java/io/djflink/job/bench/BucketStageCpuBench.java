package io.djflink.job.bench;

import io.djflink.job.JobBuilder;
import io.djflink.ops.BandKey;
import io.djflink.ops.NearDeduplicator;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import io.djflink.recipe.OpConfig;
import io.djflink.state.BandKeySerializer;
import io.djflink.state.BandMember;
import io.djflink.state.BandMemberSerializer;
import io.djflink.state.BucketOperator;
import io.djflink.state.SampleRecord;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * Thread CPU of the near-dup candidate-key stages on the band keys of a real corpus, in one thread:
 * the keys of each signature (what ToBandMembers does in the source task), one serializer round
 * trip per member (what the shuffle costs on both sides), and the bucket operator over RocksDB
 * (with djflink's job settings, {@code JobBuilder.rocksDbOptions}, and any given as arguments)
 * until the end of input. Signatures are computed
 * beforehand and not measured. Not a test: run by hand, e.g.
 *
 * <pre>
 * java -cp ... io.djflink.job.bench.BucketStageCpuBench ../shared/data/prose.jsonl.gz 8 3 [op] [rocksdb-key=value...]
 * </pre>
 *
 * (corpus, passes of it as {@code bench --scale} writes them, repeats; the best repeat is reported).
 * RocksDB's own flush and compaction threads are not in the thread CPU; the process CPU is shown beside it.
 */
public final class BucketStageCpuBench {

    private BucketStageCpuBench() {}

    /**
     * A task with Flink's default max parallelism and 32 MB of managed memory for RocksDB's cache
     * and write buffers: roughly the bucket operator's share of a slot on the embedded cluster
     * (128 MB for 2 slots, shared with the hold and components stages).
     */
    private static MockEnvironment environment() {
        return new MockEnvironmentBuilder().setManagedMemorySize(32L << 20).setMaxParallelism(128).build();
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        int passes = Integer.parseInt(args[1]);
        int repeat = Integer.parseInt(args[2]);
        String opName = args.length > 3 ? args[3] : "document_minhash_deduplicator";
        // RocksDB settings over djflink's job settings, e.g. state.backend.rocksdb.use-bloom-filter=false
        Map<String, String> rocksDb = new java.util.TreeMap<>();
        for (int i = 4; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            rocksDb.put(kv[0], kv[1]);
        }
        Path scaled = Files.createTempFile("bucket-bench", ".jsonl");
        ChainBench.writeScaled(ChainBench.readLines(corpus), "text", passes, scaled);
        List<String> lines = ChainBench.readLines(scaled);
        Files.delete(scaled);

        OpConfig op = new OpConfig(opName, Map.of(), 1, 0, Map.of());
        NearDeduplicator dedup = (NearDeduplicator) OpRegistry.get().factory(opName).create(Map.of());
        dedup.open();
        boolean keepSignature = !dedup.candidatesAreDuplicates();
        List<long[]> sigs = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Long> orders = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Sample s = Sample.parse(lines.get(i));
            try {
                sigs.add(dedup.signature(s, new SampleContext()));
            } catch (IllegalArgumentException e) {
                continue;
            }
            ids.add(s.root().hasNonNull("id") ? s.root().get("id").asText() : null);
            orders.add(SampleRecord.order(0, i));
        }
        System.out.printf("%s: %d docs (%d passes), %s, RocksDB %s%n", corpus.getFileName(), sigs.size(), passes, opName, rocksDb);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long bestKeys = Long.MAX_VALUE;
        long bestShuffle = Long.MAX_VALUE;
        long bestBuckets = Long.MAX_VALUE;
        long bestBucketsProcess = Long.MAX_VALUE;
        for (int r = 0; r < repeat; r++) {
            long t0 = threads.getCurrentThreadCpuTime();
            List<BandMember> members = new ArrayList<>();
            for (int i = 0; i < sigs.size(); i++) {
                long[] sig = sigs.get(i);
                BandKey[] keys = dedup.candidateKeys(sig);
                for (BandKey key : keys) {
                    members.add(new BandMember(key, orders.get(i), ids.get(i), keepSignature ? sig : null, keys.length));
                }
            }
            long t1 = threads.getCurrentThreadCpuTime();
            TypeSerializer<BandMember> ser = BandMemberSerializer.TYPE.createSerializer(new SerializerConfigImpl());
            DataOutputSerializer out = new DataOutputSerializer(256);
            DataInputDeserializer in = new DataInputDeserializer();
            List<BandMember> received = new ArrayList<>(members.size());
            for (BandMember m : members) {
                out.clear();
                ser.serialize(m, out);
                in.setBuffer(out.getSharedBuffer(), 0, out.length());
                received.add(ser.deserialize(in));
            }
            long t2 = threads.getCurrentThreadCpuTime();
            long p2 = os.getProcessCpuTime();
            long edges;
            long arrivals;
            long end;
            try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new BucketOperator(op), (BandMember m) -> m.key, BandKeySerializer.TYPE,
                    environment())) {
                Configuration conf = new Configuration();
                JobBuilder.rocksDbOptions(conf);
                rocksDb.forEach(conf::setString);
                h.setStateBackend(new EmbeddedRocksDBStateBackend().configure(conf, BucketStageCpuBench.class.getClassLoader()));
                h.open();
                long opened = threads.getCurrentThreadCpuTime();
                for (BandMember m : received) {
                    h.processElement(m, 0L);
                }
                arrivals = threads.getCurrentThreadCpuTime() - opened;
                h.processWatermark(new Watermark(Long.MAX_VALUE));
                h.endInput();
                edges = h.getOutput().stream().filter(o -> o instanceof StreamRecord).count();
                end = threads.getCurrentThreadCpuTime() - opened - arrivals;
            }
            long t3 = threads.getCurrentThreadCpuTime();
            long p3 = os.getProcessCpuTime();
            System.out.printf("  repeat %d: %,d members, %,d edges; thread CPU keys %.3f s, shuffle %.3f s, buckets %.3f s (arrivals %.3f s, end %.3f s)"
                            + " (process CPU during buckets %.3f s)%n",
                    r, members.size(), edges, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, arrivals / 1e9, end / 1e9, (p3 - p2) / 1e9);
            bestKeys = Math.min(bestKeys, t1 - t0);
            bestShuffle = Math.min(bestShuffle, t2 - t1);
            bestBuckets = Math.min(bestBuckets, t3 - t2);
            bestBucketsProcess = Math.min(bestBucketsProcess, p3 - p2);
        }
        System.out.printf("best: keys %.3f s, shuffle %.3f s, buckets %.3f s, sum %.3f s thread CPU (process CPU during buckets %.3f s)%n",
                bestKeys / 1e9, bestShuffle / 1e9, bestBuckets / 1e9, (bestKeys + bestShuffle + bestBuckets) / 1e9,
                bestBucketsProcess / 1e9);
        dedup.close();
    }
}
