package io.djflink.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.ops.Sample;
import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The keyed near-duplicate stage (candidate buckets, union-find, hold) keeps exactly the earliest
 * sample of every connected component, as Data-Juicer's batch op does, at any parallelism and
 * through a task failure. Random streams in three files; the reference is an independent
 * union-find over the same candidate structure.
 */
class NearDedupStageTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @TempDir
    Path tmp;

    private final List<String[]> docs = new ArrayList<>();

    @BeforeEach
    void writeRandomStream() throws IOException {
        Random rnd = new Random(20261123);
        Path in = Files.createDirectories(tmp.resolve("in"));
        int n = 0;
        for (int f = 0; f < 3; f++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 700; i++) {
                String first = "w" + rnd.nextInt(900);
                String last = "z" + rnd.nextInt(900);
                int middle = rnd.nextInt(3);
                String text = first + " mid".repeat(middle) + " " + last;
                String id = "d" + n++;
                docs.add(new String[] {id, text});
                sb.append("{\"id\":\"").append(id).append("\",\"text\":\"").append(text).append("\"}\n");
            }
            Files.writeString(in.resolve("part-" + f + ".jsonl"), sb.toString(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "np={0} pair_check={1} failure={2}")
    @CsvSource({"1,false,false", "2,false,false", "4,false,false", "2,true,false", "4,true,false", "2,false,true", "2,true,true"})
    void keepsTheEarliestOfEachComponent(int np, boolean pairCheck, boolean failure) throws Exception {
        String yaml = String.join("\n",
                "project_name: neardup",
                "dataset_path: '" + tmp.resolve("in") + "'",
                "export_path: '" + tmp.resolve("out-" + np + pairCheck + failure + "/kept.jsonl") + "'",
                "np: " + np,
                "open_tracer: true",
                "process:",
                failure ? "  - fail_once_mapper:\n      after: 900" : "  - whitespace_normalization_mapper:",
                "  - test_word_near_deduplicator:",
                "      pair_check: " + pairCheck,
                "");
        Recipe recipe = RecipeLoader.parse("neardup.yaml", yaml);
        RecipeJob.Options opts = new RecipeJob.Options(Duration.ofMillis(200), 1L << 20, !failure, false);
        RecipeJob.Result r = FailOnceMapper.run(RecipeJob.prepare(recipe, opts), opts, failure, () -> true);

        List<String> kept = new ArrayList<>();
        for (Sample s : TestData.samples(r.outputs().export())) {
            kept.add(s.root().get("id").asText());
        }
        Set<String> expected = reference(pairCheck);
        assertThat(kept).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(kept)).isEqualTo(expected);
        assertThat(r.summary().read()).isEqualTo(docs.size());
        assertThat(r.summary().duplicates()).isEqualTo(docs.size() - expected.size());
        assertThat(r.summary().balanced()).isTrue();
        assertThat(TestData.lines(r.outputs().traceDir().resolve("duplicate-test_word_near_deduplicator.jsonl"))).isNotEmpty();
    }

    /** Independent reference: union-find over shared first/last words, smallest index survives. */
    private Set<String> reference(boolean pairCheck) {
        int n = docs.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        Map<String, List<Integer>> buckets = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String[] w = docs.get(i)[1].split(" ");
            buckets.computeIfAbsent("f" + w[0], k -> new ArrayList<>()).add(i);
            buckets.computeIfAbsent("l" + w[w.length - 1], k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> members : buckets.values()) {
            for (int x = 0; x < members.size(); x++) {
                for (int y = x + 1; y < members.size(); y++) {
                    int a = members.get(x);
                    int b = members.get(y);
                    if (!pairCheck || words(a) == words(b)) {
                        int ra = find(parent, a);
                        int rb = find(parent, b);
                        parent[Math.max(ra, rb)] = Math.min(ra, rb);
                    }
                }
            }
        }
        Set<String> kept = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            if (find(parent, i) == i) {
                kept.add(docs.get(i)[0]);
            }
        }
        return kept;
    }

    private int words(int i) {
        return docs.get(i)[1].split(" ").length;
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }
}
