package io.djflink.ops.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Single-thread throughput of {@link HfBpeEncoder#count} on a corpus of shared/data, as a
 * token filter runs it in one Flink task thread. Not a test; run by hand:
 *
 * <pre>
 * java -cp operators/target/test-classes:operators/target/classes:$(deps) io.djflink.ops.model.HfBpeBench \
 *     models/gpt-neox-20b-tokenizer.json ../shared/data/prose.jsonl.gz [passes]
 * </pre>
 *
 * Prints the load time, then per pass docs/s and MB/s (10^6 bytes of UTF-8 text) by wall clock
 * and by the thread's CPU time (the machine may be shared); the first pass starts with a cold
 * JIT and an empty word cache.
 */
public final class HfBpeBench {

    private HfBpeBench() {}

    public static void main(String[] args) throws Exception {
        Path tokenizer = Path.of(args[0]);
        Path corpus = Path.of(args[1]);
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        long bytes = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(corpus), 1 << 16), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    String text = json.readTree(line).get("text").asText();
                    texts.add(text);
                    bytes += text.getBytes(StandardCharsets.UTF_8).length;
                }
            }
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        HfBpeTokenizer t = HfBpeTokenizer.load(tokenizer);
        System.out.printf("load %s: %.0f ms%n", tokenizer.getFileName(), (System.nanoTime() - t0) / 1e6);
        HfBpeEncoder e = t.newEncoder();
        System.out.printf("%s: %d docs, %.2f MB%n", corpus.getFileName(), texts.size(), bytes / 1e6);
        for (int pass = 1; pass <= passes; pass++) {
            long cpu0 = mx.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            long tokens = 0;
            for (String text : texts) {
                tokens += e.count(text);
            }
            double wall = (System.nanoTime() - w0) / 1e9;
            double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
            System.out.printf("pass %d: %d tokens; wall %.2f s = %.0f docs/s, %.2f MB/s; thread cpu %.2f s = %.0f docs/s, %.2f MB/s%n",
                    pass, tokens, wall, texts.size() / wall, bytes / 1e6 / wall, cpu, texts.size() / cpu, bytes / 1e6 / cpu);
        }
    }
}
