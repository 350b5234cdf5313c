package io.djflink.ops.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.recipe.RecipeLoader;
import io.djflink.recipe.RecipeValidator;
import io.djflink.run.LocalRunner;
import io.djflink.run.Plan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scores both near-deduplicators, with Data-Juicer's defaults, against the neardup-dev ground
 * truth: a predicted pair is two documents in one predicted component (the group whose first
 * member survives); a true pair has reference Jaccard >= 0.7 (lower-cased, Unicode punctuation
 * deleted, whitespace split, word 5-gram sets). Pairs absent from pairs.jsonl have Jaccard < 0.5.
 * Prints the figures and a few disagreements with their Data-Juicer-tokenization Jaccard.
 */
class NeardupDevEvaluationTest {

    private static final double THRESHOLD = 0.7;

    private static List<String> ids;
    private static List<String> texts;
    private static Map<String, Integer> index;
    /** "i j" (i < j) -> reference Jaccard, for every listed pair. */
    private static Map<Long, Double> jaccard;
    private static Set<Long> truth;

    @BeforeAll
    static void load() throws Exception {
        ids = new ArrayList<>();
        texts = new ArrayList<>();
        index = new HashMap<>();
        for (JsonNode d : DjExpectedMinhashTest.readJsonLines(DjExpectedMinhashTest.data().resolve("neardup-dev/docs.jsonl.gz"))) {
            index.put(d.get("id").asText(), ids.size());
            ids.add(d.get("id").asText());
            texts.add(d.get("text").asText());
        }
        jaccard = new HashMap<>();
        truth = new HashSet<>();
        for (JsonNode p : DjExpectedMinhashTest.readJsonLines(DjExpectedMinhashTest.data().resolve("neardup-dev/pairs.jsonl.gz"))) {
            Integer a = index.get(p.get("a").asText());
            Integer b = index.get(p.get("b").asText());
            if (a == null || b == null) {
                continue;
            }
            long k = key(a, b);
            jaccard.put(k, p.get("jaccard").asDouble());
            if (p.get("jaccard").asDouble() >= THRESHOLD) {
                truth.add(k);
            }
        }
    }

    private static long key(int a, int b) {
        return a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
    }

    /** Component id (survivor position) of every document; errors are singletons. */
    private static int[] components(String op) throws Exception {
        List<Sample> input = new ArrayList<>();
        for (String t : texts) {
            input.add(Sample.ofText("text", t));
        }
        Map<Sample, Integer> pos = new IdentityHashMap<>();
        for (int i = 0; i < input.size(); i++) {
            pos.put(input.get(i), i);
        }
        OpRegistry reg = OpRegistry.get();
        var ops = RecipeValidator.validate(RecipeLoader.parse("r.yaml", "process:\n  - " + op + ":\n"), reg, false);
        LocalRunner.Outcome o = new LocalRunner(Plan.of(ops, reg), reg).run(input);
        int[] comp = new int[input.size()];
        for (int i = 0; i < comp.length; i++) {
            comp[i] = i;
        }
        o.duplicates().forEach(d -> comp[pos.get(d.sample())] = (int) d.firstIndex());
        return comp;
    }

    private record Score(int predicted, int truePositives, int truthPairs, int dropped, List<String> fp, List<String> fn) {
        double precision() {
            return predicted == 0 ? 1.0 : (double) truePositives / predicted;
        }

        double recall() {
            return (double) truePositives / truthPairs;
        }
    }

    private static Score score(int[] comp) {
        Map<Integer, List<Integer>> groups = new HashMap<>();
        for (int i = 0; i < comp.length; i++) {
            groups.computeIfAbsent(comp[i], k -> new ArrayList<>()).add(i);
        }
        int predicted = 0;
        int tp = 0;
        int dropped = 0;
        List<String> fp = new ArrayList<>();
        for (List<Integer> g : groups.values()) {
            dropped += g.size() - 1;
            for (int x = 0; x < g.size(); x++) {
                for (int y = x + 1; y < g.size(); y++) {
                    predicted++;
                    long k = key(g.get(x), g.get(y));
                    if (truth.contains(k)) {
                        tp++;
                    } else {
                        fp.add(describe(g.get(x), g.get(y)));
                    }
                }
            }
        }
        List<String> fn = new ArrayList<>();
        for (long k : truth) {
            int a = (int) (k >>> 32);
            int b = (int) k;
            if (comp[a] != comp[b]) {
                fn.add(describe(a, b));
            }
        }
        return new Score(predicted, tp, truth.size(), dropped, fp, fn);
    }

    private static String describe(int a, int b) {
        Double ref = jaccard.get(key(a, b));
        return String.format(Locale.ROOT, "%s~%s ref=%s dj-space-5=%.3f", ids.get(a), ids.get(b),
                ref == null ? "<0.5" : String.format(Locale.ROOT, "%.3f", ref),
                djJaccard(texts.get(a), texts.get(b), 5));
    }

    /** Jaccard of Data-Juicer's own minhash shingles: lower(), split on ' ' only, punctuation kept. */
    static double djJaccard(String a, String b, int w) {
        Set<String> sa = shingles(a, w);
        Set<String> sb = shingles(b, w);
        Set<String> inter = new HashSet<>(sa);
        inter.retainAll(sb);
        int union = sa.size() + sb.size() - inter.size();
        return union == 0 ? 0 : (double) inter.size() / union;
    }

    private static Set<String> shingles(String t, int w) {
        List<String> toks = io.djflink.ops.text.Words.splitOnWhitespace(t.toLowerCase(Locale.ROOT), false, false);
        Set<String> out = new HashSet<>();
        for (int i = 0; i + w <= toks.size(); i++) {
            out.add(String.join(" ", toks.subList(i, i + w)));
        }
        return out;
    }

    /** Signatures of every document (null where the op cannot hash it). */
    private static long[][] signatures(String op) {
        var near = (io.djflink.ops.NearDeduplicator) OpRegistry.get().factory(op).create(Map.of());
        long[][] sigs = new long[texts.size()][];
        for (int i = 0; i < sigs.length; i++) {
            try {
                sigs[i] = near.signature(Sample.ofText("text", texts.get(i)), new io.djflink.ops.SampleContext());
            } catch (Exception e) {
                sigs[i] = null;
            }
        }
        return sigs;
    }

    /**
     * Why predictions differ from the reference: wrong pairs linked directly (a shared band /
     * within the distance) versus only through a chain; missed pairs by reference Jaccard bucket
     * and how many of them fall below 0.7 under Data-Juicer's own tokenization.
     */
    private static void diagnose(String op, int[] comp) {
        var near = (io.djflink.ops.NearDeduplicator) OpRegistry.get().factory(op).create(Map.of());
        long[][] sig = signatures(op);
        int direct = 0;
        int chained = 0;
        int fpDjAbove = 0;
        Map<Integer, List<Integer>> groups = new HashMap<>();
        for (int i = 0; i < comp.length; i++) {
            groups.computeIfAbsent(comp[i], k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> g : groups.values()) {
            for (int x = 0; x < g.size(); x++) {
                for (int y = x + 1; y < g.size(); y++) {
                    int a = g.get(x);
                    int b = g.get(y);
                    if (truth.contains(key(a, b))) {
                        continue;
                    }
                    if (near.isDuplicate(sig[a], sig[b])) {
                        direct++;
                    } else {
                        chained++;
                    }
                    if (djJaccard(texts.get(a), texts.get(b), 5) >= THRESHOLD) {
                        fpDjAbove++;
                    }
                }
            }
        }
        examples(near, sig, comp);
        System.out.printf(Locale.ROOT, "  wrong pairs: %d linked directly, %d only through a chain; %d have DJ-tokenization Jaccard >= 0.7%n",
                direct, chained, fpDjAbove);
        int[] buckets = new int[4];
        int[] missed = new int[4];
        int missedDjBelow = 0;
        long[] bits = new long[65];
        for (long k : truth) {
            int a = (int) (k >>> 32);
            int b = (int) k;
            double j = jaccard.get(k);
            int bucket = j >= 0.9 ? 3 : j >= 0.8 ? 2 : j >= 0.75 ? 1 : 0;
            buckets[bucket]++;
            if (sig[a] != null && sig[b] != null && sig[a].length == 1) {
                bits[Long.bitCount(sig[a][0] ^ sig[b][0])]++;
            }
            if (comp[a] != comp[b]) {
                missed[bucket]++;
                if (djJaccard(texts.get(a), texts.get(b), 5) < THRESHOLD) {
                    missedDjBelow++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "  recall by reference Jaccard: [0.70,0.75) %d/%d, [0.75,0.8) %d/%d, [0.8,0.9) %d/%d, >=0.9 %d/%d; "
                        + "%d missed pairs are below 0.7 under DJ tokenization%n",
                buckets[0] - missed[0], buckets[0], buckets[1] - missed[1], buckets[1], buckets[2] - missed[2], buckets[2],
                buckets[3] - missed[3], buckets[3], missedDjBelow);
        if (sig.length > 0 && sig[0] != null && sig[0].length == 1) {
            StringBuilder sb = new StringBuilder("  differing SimHash bits of the true pairs (bits:count):");
            for (int i = 0; i <= 64; i++) {
                if (bits[i] > 0) {
                    sb.append(' ').append(i).append(':').append(bits[i]);
                }
            }
            System.out.println(sb);
        }
    }

    /** A few wrong and missed pairs with the op's own similarity estimate and whether they are linked directly. */
    private static void examples(io.djflink.ops.NearDeduplicator near, long[][] sig, int[] comp) {
        int shown = 0;
        for (int a = 0; a < comp.length && shown < 4; a++) {
            for (int b = a + 1; b < comp.length && shown < 4; b++) {
                if (comp[a] == comp[b] && !truth.contains(key(a, b)) && sig[a] != null && sig[b] != null) {
                    System.out.printf(Locale.ROOT, "  e.g. wrong:  %s estimate=%.3f %s%n", describe(a, b),
                            near.similarity(sig[a], sig[b]), near.isDuplicate(sig[a], sig[b]) ? "direct" : "chained");
                    shown++;
                }
            }
        }
        shown = 0;
        for (long k : truth) {
            int a = (int) (k >>> 32);
            int b = (int) k;
            if (comp[a] != comp[b] && shown++ < 4) {
                System.out.printf(Locale.ROOT, "  e.g. missed: %s estimate=%.3f%n", describe(a, b),
                        sig[a] == null || sig[b] == null ? Double.NaN : near.similarity(sig[a], sig[b]));
            }
        }
    }

    private static void print(String op, Score s) {
        System.out.printf(Locale.ROOT,
                "neardup-dev %s: %d docs, %d dropped; pairs predicted %d, true (ref J>=%.1f) %d, hit %d -> precision %.3f recall %.3f%n",
                op, texts.size(), s.dropped(), s.predicted(), THRESHOLD, s.truthPairs(), s.truePositives(), s.precision(), s.recall());
    }

    @Test
    void minhashWithDefaultsFindsMostReferencePairsAndFewWrongOnes() throws Exception {
        int[] comp = components("document_minhash_deduplicator");
        Score s = score(comp);
        print("document_minhash_deduplicator", s);
        diagnose("document_minhash_deduplicator", comp);
        assertThat(s.recall()).isGreaterThanOrEqualTo(0.80);
        assertThat(s.precision()).isGreaterThanOrEqualTo(0.80);
    }

    @Test
    void simhashWithDefaultsFindsCloseCopiesWithoutFalseMerges() throws Exception {
        int[] comp = components("document_simhash_deduplicator");
        Score s = score(comp);
        print("document_simhash_deduplicator", s);
        diagnose("document_simhash_deduplicator", comp);
        // 4 of 64 bits is a tight bound for unweighted word 6-gram SimHash: even copies with
        // Jaccard 0.9 usually differ in more bits, so recall is low by design; merges must be right
        assertThat(s.recall()).isGreaterThanOrEqualTo(0.12);
        assertThat(s.precision()).isGreaterThanOrEqualTo(0.90);
    }
}
