package io.djflink.job.bench;

import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.recipe.OpConfig;
import io.djflink.run.LocalRunner;
import io.djflink.run.OpStats;
import io.djflink.run.Plan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Single-thread throughput of a recipe's op chain, i.e. per core: the fused chain (parse, every
 * op, dedup decision in memory, serialize) against a baseline of parse and serialize alone,
 * measured on the same in-memory lines in the same process.
 */
public final class ChainBench {

    /** The multipliers coprime to 26, so that {@code x -> m * x + b} permutes the alphabet. */
    private static final int[] UNITS_MOD_26 = {1, 3, 5, 7, 9, 11, 15, 17, 19, 21, 23, 25};

    /** The passes {@link #writeScaled} can write without repeating a letter map. */
    public static final int MAX_PASSES = 26 * UNITS_MOD_26.length;

    /** One corpus' figures. {@code textBytes} is the UTF-8 size of the text field, as the corpora count MB. */
    public record Figures(
            String corpus, int samples, long textBytes, long baselineNanos, long chainNanos, Map<String, OpStats> ops) {

        public double baselineMbPerSec() {
            return textBytes / 1e6 / (baselineNanos / 1e9);
        }

        public double chainMbPerSec() {
            return textBytes / 1e6 / (chainNanos / 1e9);
        }

        public double chainSamplesPerSec() {
            return samples / (chainNanos / 1e9);
        }
    }

    private ChainBench() {}

    public static List<String> readLines(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            List<String> out = new ArrayList<>();
            String l;
            while ((l = r.readLine()) != null) {
                if (!l.isBlank()) {
                    out.add(l);
                }
            }
            return out;
        }
    }

    /** UTF-8 bytes of the text field over all lines, the corpora's measure of size. */
    public static long textBytes(List<String> lines, String textKey) {
        long textBytes = 0;
        for (String l : lines) {
            String t = Sample.parse(l).text(textKey);
            textBytes += t == null ? 0 : t.getBytes(StandardCharsets.UTF_8).length;
        }
        return textBytes;
    }

    /**
     * Writes {@code passes} copies of a corpus as one JSON-lines file, the letters of pass p's texts
     * (a-z, A-Z) mapped by {@code x -> (m * x + p mod 26) mod 26} with m the
     * {@code p / 26}-th unit modulo 26: passes 1 to 25 are rotations by p places, later passes use
     * other multipliers. Every pass costs what the corpus costs (same lengths, same shingle counts,
     * the same near-duplicates among its own samples) while passes share almost no shingle (two
     * maps with the same offset agree only on a and n), so a long run keeps the corpus's character
     * instead of turning into copies.
     */
    public static void writeScaled(List<String> lines, String textKey, int passes, Path out) throws IOException {
        if (passes < 1 || passes > MAX_PASSES) {
            throw new IllegalArgumentException("passes must be 1 to " + MAX_PASSES
                    + " (26 offsets times the 12 multipliers that map letters one to one), got " + passes);
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (java.io.Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int p = 0; p < passes; p++) {
                for (String l : lines) {
                    Sample s = Sample.parse(l);
                    String t = s.text(textKey);
                    if (t != null && p > 0) {
                        s.setText(textKey, mapLetters(t, UNITS_MOD_26[p / 26], p % 26));
                    }
                    w.write(s.toJson());
                    w.write('\n');
                }
            }
        }
    }

    private static String mapLetters(String t, int multiplier, int offset) {
        char[] c = t.toCharArray();
        for (int i = 0; i < c.length; i++) {
            char ch = c[i];
            if (ch >= 'a' && ch <= 'z') {
                c[i] = (char) ('a' + (multiplier * (ch - 'a') + offset) % 26);
            } else if (ch >= 'A' && ch <= 'Z') {
                c[i] = (char) ('A' + (multiplier * (ch - 'A') + offset) % 26);
            }
        }
        return new String(c);
    }

    /** Measures best-of-{@code repeat} times for the baseline and the chain. */
    public static Figures measure(String corpus, List<String> lines, String textKey, List<OpConfig> ops, int repeat) throws Exception {
        long textBytes = textBytes(lines, textKey);
        Plan plan = Plan.of(ops, OpRegistry.get());
        long bestBase = Long.MAX_VALUE;
        long bestChain = Long.MAX_VALUE;
        Map<String, OpStats> bestOps = null;
        long sink = 0;
        for (int i = 0; i < repeat + 1; i++) {
            long t0 = System.nanoTime();
            for (String l : lines) {
                sink += Sample.parse(l).toJson().length();
            }
            long base = System.nanoTime() - t0;

            t0 = System.nanoTime();
            List<Sample> parsed = new ArrayList<>(lines.size());
            for (String l : lines) {
                parsed.add(Sample.parse(l));
            }
            LocalRunner.Outcome out = new LocalRunner(plan, OpRegistry.get()).run(parsed);
            for (Sample s : out.kept()) {
                s.root().remove(Sample.STATS);
                sink += s.toJson().length();
            }
            long chain = System.nanoTime() - t0;
            if (i == 0) {
                continue; // warm-up: JIT, class loading, lazily built tables
            }
            bestBase = Math.min(bestBase, base);
            if (chain < bestChain) {
                bestChain = chain;
                bestOps = out.stats();
            }
        }
        if (sink == 42) {
            System.out.print("");
        }
        return new Figures(corpus, lines.size(), textBytes, bestBase, bestChain, bestOps);
    }
}
