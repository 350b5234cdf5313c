package io.djflink.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.ops.BandKey;
import io.djflink.ops.Deduplicator;
import io.djflink.ops.NearDeduplicator;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Streaming (event-time) dedup keeps what the streaming rule keeps, at any parallelism and
 * through a task failure: exact, SimHash and MinHash dedup in one recipe, over three files whose
 * event times increase with jitter (out of order within the 2 s bound, ties included, the files
 * overlapping at their edges), so watermarks advance and decide samples mid-stream. The reference
 * applies the rule sequentially, stage after stage, in the total order (event time, then file and
 * line): a sample is dropped iff an earlier sample has its exact signature (exact), shares a band
 * with it (MinHash), or shares a block key and is within the Hamming distance (SimHash).
 */
class StreamingDedupTest {

    private static final int FILES = 3;
    private static final int PER_FILE = 400;
    private static final long T0 = 1_700_000_000_000L;
    private static final String[] OPS = {"document_deduplicator", "document_simhash_deduplicator", "document_minhash_deduplicator"};

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @TempDir
    static Path tmp;

    /** id, text, event time, file, line. */
    private record Doc(String id, String text, long ts, int file, int line) {}

    private static final List<Doc> DOCS = new ArrayList<>();
    private static final List<Path> INPUTS = new ArrayList<>();
    /** Survivors of each stage under the streaming rule, and under arrival (ingestion) order. */
    private static List<Set<String>> expected;
    private static List<Set<String>> byIngestionOrder;

    @BeforeAll
    static void writeFilesAndComputeTheReference() throws Exception {
        Random rnd = new Random(20251207);
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (int f = 0; f < FILES; f++) {
            StringBuilder sb = new StringBuilder();
            for (int line = 0; line < PER_FILE; line++) {
                // 100 ms per sample, jitter of up to +-0.9 s at 100 ms resolution (ties), so files
                // overlap by up to 1.8 s at their edges: all within the 2 s bound
                long ts = T0 + (long) (f * PER_FILE + line) * 100 + (rnd.nextInt(19) - 9) * 100L;
                Doc d = new Doc("f" + f + "-" + line, text(rnd), ts, f, line);
                DOCS.add(d);
                sb.append("{\"id\":\"").append(d.id()).append("\",\"ts\":").append(ts)
                        .append(",\"text\":\"").append(d.text()).append("\"}\n");
            }
            Path p = in.resolve("part-" + f + ".jsonl");
            Files.writeString(p, sb.toString(), StandardCharsets.UTF_8);
            INPUTS.add(p);
        }
        Comparator<Doc> eventTime = Comparator.comparingLong(Doc::ts).thenComparingInt(Doc::file).thenComparingInt(Doc::line);
        Comparator<Doc> ingestion = Comparator.comparingInt(Doc::file).thenComparingInt(Doc::line);
        expected = reference(eventTime);
        byIngestionOrder = reference(ingestion);
        for (int stage = 0; stage < OPS.length; stage++) {
            int before = stage == 0 ? DOCS.size() : expected.get(stage - 1).size();
            assertThat(expected.get(stage).size()).as("stage %d drops some samples", stage).isLessThan(before);
        }
        assertThat(expected.get(OPS.length - 1)).as("event time changes the survivors")
                .isNotEqualTo(byIngestionOrder.get(OPS.length - 1));
    }

    /** 20 to 30 words; a third of the samples copy a recent one exactly or nearly (a word changed, added or dropped). */
    private static String text(Random rnd) {
        int kind = rnd.nextInt(12);
        if (!DOCS.isEmpty() && kind < 4) {
            // a recent sample (often within the jitter, so the copy may have the earlier event time)
            String[] w = DOCS.get(Math.max(0, DOCS.size() - 1 - rnd.nextInt(30))).text().split(" ");
            List<String> words = new ArrayList<>(List.of(w));
            switch (kind) {
                case 0 -> { }
                case 1 -> words.set(rnd.nextInt(words.size()), word(rnd));
                case 2 -> words.add(word(rnd));
                default -> words.remove(words.size() - 1);
            }
            return String.join(" ", words);
        }
        int n = 20 + rnd.nextInt(11);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            words.add(word(rnd));
        }
        return String.join(" ", words);
    }

    private static String word(Random rnd) {
        return "w" + rnd.nextInt(3000);
    }

    @ParameterizedTest(name = "np={0} failure={1}")
    @CsvSource({"1,false", "2,false", "4,false", "2,true"})
    void keepsWhatTheStreamingRuleKeeps(int np, boolean failure) throws Exception {
        StringBuilder process = new StringBuilder();
        if (failure) {
            process.append("  - fail_once_mapper:\n      after: 600\n");
        }
        for (String op : OPS) {
            process.append("  - ").append(op).append(":\n");
        }
        String yaml = String.join("\n",
                "project_name: streamdedup",
                "dataset_path: '" + String.join(" ", INPUTS.stream().map(Path::toString).toList()) + "'",
                "export_path: '" + tmp.resolve("out-" + np + failure + "/kept.jsonl") + "'",
                "np: " + np,
                "open_tracer: true",
                "djflink:",
                "  mode: streaming",
                "  event-time.field: ts",
                "  watermark.out-of-orderness: 2s",
                "process:",
                process.toString());
        Recipe recipe = RecipeLoader.parse("streamdedup.yaml", yaml);
        RecipeJob.Options opts = new RecipeJob.Options(Duration.ofMillis(200), 1L << 20, !failure, false);
        JobSpec spec = RecipeJob.prepare(recipe, opts);
        // fail only once a checkpoint is complete, so the restart restores buffered and decided state
        RecipeJob.Result r = FailOnceMapper.run(spec, opts, failure,
                () -> MiniClusters.hasCompletedCheckpoint(spec.staging().resolve("checkpoints")));

        List<String> kept = new ArrayList<>();
        for (Sample s : TestData.samples(r.outputs().export())) {
            kept.add(s.root().get("id").asText());
        }
        Set<String> want = expected.get(OPS.length - 1);
        assertThat(kept).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(kept)).isEqualTo(want);
        assertThat(r.summary().late()).as("no sample came behind the watermark").isZero();
        assertThat(r.summary().read()).isEqualTo(DOCS.size());
        assertThat(r.summary().duplicates()).isEqualTo(DOCS.size() - want.size());
        assertThat(r.summary().balanced()).isTrue();
        for (String op : OPS) {
            assertThat(TestData.lines(r.outputs().traceDir().resolve("duplicate-" + op + ".jsonl"))).as(op).isNotEmpty();
        }
    }

    /** The survivors after each stage, deciding samples one by one in {@code order}. */
    private static List<Set<String>> reference(Comparator<Doc> order) throws Exception {
        List<Doc> stream = new ArrayList<>(DOCS);
        stream.sort(order);
        List<Set<String>> out = new ArrayList<>();
        try (var exact = (Deduplicator) OpRegistry.get().factory(OPS[0]).create(Map.of())) {
            Set<String> seen = new HashSet<>();
            stream = stream.stream().filter(d -> seen.add(hash(exact, d))).toList();
        }
        out.add(ids(stream));
        for (int stage = 1; stage < OPS.length; stage++) {
            try (var near = (NearDeduplicator) OpRegistry.get().factory(OPS[stage]).create(Map.of())) {
                Map<BandKey, List<long[]>> buckets = new HashMap<>();
                List<Doc> kept = new ArrayList<>();
                for (Doc d : stream) {
                    long[] sig = near.signature(Sample.ofText("text", d.text()), new SampleContext());
                    boolean dup = false;
                    for (BandKey key : near.candidateKeys(sig)) {
                        List<long[]> earlier = buckets.computeIfAbsent(key, k -> new ArrayList<>());
                        for (long[] e : earlier) {
                            dup |= near.candidatesAreDuplicates() || near.isDuplicate(e, sig);
                        }
                        earlier.add(sig);
                    }
                    if (!dup) {
                        kept.add(d);
                    }
                }
                stream = kept;
            }
            out.add(ids(stream));
        }
        return out;
    }

    private static String hash(Deduplicator op, Doc d) {
        try {
            return op.hash(Sample.ofText("text", d.text()), new SampleContext());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> ids(List<Doc> docs) {
        Set<String> out = new TreeSet<>();
        docs.forEach(d -> out.add(d.id()));
        return out;
    }
}
