package io.djflink.job;

import io.djflink.job.bench.ChainBench;
import io.djflink.ops.Sample;
import io.djflink.state.SampleRecord;
import io.djflink.state.SampleRecordSerializer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * CPU a sample costs the near-dup hold thread of a bounded run, with the sample parsed as soon as
 * it is read (the tree path: what every record cost before records kept their Smile bytes) and
 * kept unparsed (the bytes path), in one process on the same records: read off the network, write
 * to and read back from state, export line, UTF-8 for the file sink. The tree path's records carry
 * their 256-hash signature over the network as they did; the bytes path's do not.
 *
 * <p>Run from the repository root (the reactor build puts this checkout's modules on the class
 * path, not the installed ones); the arguments are a corpus and the number of rounds:
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -pl flink-job -am -Dmdep.outputFile=/tmp/cp.txt
 * java -cp flink-job/target/test-classes:flink-job/target/classes:$(cat /tmp/cp.txt) \
 *     io.djflink.job.HoldPathBench ../shared/data/prose.jsonl.gz 20
 * </pre>
 */
public final class HoldPathBench {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final SampleRecordSerializer SER = SampleRecordSerializer.INSTANCE;

    private HoldPathBench() {}

    public static void main(String[] args) throws Exception {
        List<String> lines = ChainBench.readLines(Path.of(args[0]));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long textBytes = ChainBench.textBytes(lines, "text");
        Random rnd = new Random(1);
        List<byte[]> signed = new ArrayList<>();
        List<byte[]> unsigned = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            SampleRecord r = new SampleRecord(0, i, null, Sample.parse(lines.get(i)));
            r.signature = rnd.longs(256).toArray();
            signed.add(bytes(r));
            unsigned.add(bytes(r.withoutSignature()));
        }
        JobBuilder.ToJsonLine export = new JobBuilder.ToJsonLine(JobBuilder.exportDropped(false, false));
        System.out.printf("%s: %d samples, %.1f MB text; CPU ms per pass (read, state write, state read, export line, UTF-8):%n",
                args[0], lines.size(), textBytes / 1e6);
        long[] treeTotals = new long[rounds];
        long[] bytesTotals = new long[rounds];
        for (int round = 0; round < rounds; round++) {
            long[] tree = pass(signed, export, true);
            long[] lazy = pass(unsigned, export, false);
            treeTotals[round] = tree[5];
            bytesTotals[round] = lazy[5];
            System.out.printf("round %d  tree  %s%n          bytes %s%n", round, fmt(tree), fmt(lazy));
        }
        // The first rounds warm the JIT; the machine may be shared, so the best and the median of the rest.
        int warm = Math.min(2, rounds - 1);
        java.util.Arrays.sort(treeTotals, warm, rounds);
        java.util.Arrays.sort(bytesTotals, warm, rounds);
        for (String which : List.of("best", "median")) {
            int i = which.equals("best") ? warm : warm + (rounds - warm) / 2;
            long tree = treeTotals[i];
            long bytes = bytesTotals[i];
            System.out.printf("%s: tree %.0f ms (%.0f MB/CPU s), bytes %.0f ms (%.0f MB/CPU s): %.2fx less CPU%n", which,
                    tree / 1e6, textBytes / 1e6 / (tree / 1e9), bytes / 1e6, textBytes / 1e6 / (bytes / 1e9), (double) tree / bytes);
        }
    }

    /** One pass over every record; nanos of CPU per phase and in total. */
    private static long[] pass(List<byte[]> network, JobBuilder.ToJsonLine export, boolean parse) throws Exception {
        long[] t = new long[6];
        long sink = 0;
        long start = CPU.getCurrentThreadCpuTime();
        DataOutputSerializer out = new DataOutputSerializer(1 << 16);
        for (byte[] wire : network) {
            long t0 = CPU.getCurrentThreadCpuTime();
            SampleRecord r = SER.deserialize(new DataInputDeserializer(wire));
            if (parse) {
                r.sample();
            }
            r.signature = null;
            long t1 = CPU.getCurrentThreadCpuTime();
            out.clear();
            SER.serialize(r, out);
            long t2 = CPU.getCurrentThreadCpuTime();
            SampleRecord held = SER.deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
            if (parse) {
                held.sample();
            }
            long t3 = CPU.getCurrentThreadCpuTime();
            String line = export.line(held);
            long t4 = CPU.getCurrentThreadCpuTime();
            sink += line.getBytes(StandardCharsets.UTF_8).length;
            long t5 = CPU.getCurrentThreadCpuTime();
            t[0] += t1 - t0;
            t[1] += t2 - t1;
            t[2] += t3 - t2;
            t[3] += t4 - t3;
            t[4] += t5 - t4;
        }
        // The whole pass, timer calls included (about 1% of the bytes path).
        t[5] = CPU.getCurrentThreadCpuTime() - start;
        if (sink == 0) {
            throw new IllegalStateException("nothing written");
        }
        return t;
    }

    private static String fmt(long[] t) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            b.append(String.format("%6.0f", t[i] / 1e6));
        }
        return b.append(String.format("  = %6.0f", t[5] / 1e6)).toString();
    }

    private static byte[] bytes(SampleRecord r) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(1 << 12);
        SER.serialize(r, out);
        return out.getCopyOfBuffer();
    }
}
