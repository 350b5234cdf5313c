package io.djflink.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.job.bench.LocalChatEndpoint;
import io.djflink.job.bench.LocalChatEndpoint.Reply;
import io.djflink.ops.Sample;
import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An LLM filter in its async stage on a MiniCluster, against a local chat-completions endpoint:
 * the verdicts of every reply kind, and a task failure with requests in flight.
 */
class AsyncStageTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    private static final Pattern DOC = Pattern.compile("doc (\\d+)");

    @TempDir
    Path tmp;

    @AfterEach
    void resetFailures() {
        FailOnceMapper.ready = () -> true;
        FailOnceMapper.FAILURES_LEFT.set(0);
    }

    /** The endpoint's rating of doc i: every dimension (i % 5) + 1, so docs with i % 5 in {2, 3, 4} score >= 0.5. */
    private static int docNumber(String prompt) {
        Matcher m = DOC.matcher(prompt);
        if (!m.find()) {
            throw new IllegalStateException("no doc number in " + prompt);
        }
        return Integer.parseInt(m.group(1));
    }

    private static boolean keptByRating(int i) {
        return i % 5 >= 2;
    }

    private Path input(int n) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Sample s = Sample.ofText("text", "doc " + i + "\u2003is a sample text");
            s.root().put("id", i);
            lines.add(s.toJson());
        }
        return Files.write(tmp.resolve("in.jsonl"), lines);
    }

    private String recipe(Path in, LocalChatEndpoint endpoint, String extraOpArgs, String tail, String djflink) {
        return String.join("\n",
                "project_name: async",
                "dataset_path: '" + in + "'",
                "export_path: '" + tmp.resolve("out/kept.jsonl") + "'",
                "np: 2",
                djflink,
                "process:",
                "  - whitespace_normalization_mapper:",
                "  - llm_quality_score_filter:",
                "      api_endpoint: '" + endpoint.url() + "'",
                "      api_or_hf_model: local-judge",
                "      retry_backoff: 0.01",
                extraOpArgs,
                tail,
                "");
    }

    @Test
    void everyReplyKindEndsKeptFilteredOrAsAnErrorWithItsReasonAndTheJobGoesOn() throws Exception {
        Set<Integer> throttled = ConcurrentHashMap.newKeySet();
        try (LocalChatEndpoint endpoint = new LocalChatEndpoint(5, 64, prompt -> {
            int i = docNumber(prompt);
            if (i % 23 == 0) {
                return Reply.content("I cannot rate doc " + i);
            }
            if (i % 29 == 0) {
                return Reply.raw(500, "{\"error\": \"model crashed\"}");
            }
            if (i % 31 == 0) {
                return Reply.content(LocalChatEndpoint.qualityRating(5)).delayed(30_000);
            }
            if (i % 7 == 0 && throttled.add(i)) {
                return Reply.raw(429, "{\"error\": \"rate limited\"}").retryAfter("0");
            }
            return Reply.content(LocalChatEndpoint.qualityRating(i % 5 + 1));
        })) {
            int n = 300;
            Path in = input(n);
            String yaml = recipe(in, endpoint, "      try_num: 2\n      max_retries: 2\n      async_timeout: 4",
                    "  - text_length_filter:\n      min_len: 5", "djflink:\n  async.capacity: 64");
            Recipe recipe = RecipeLoader.parse("async.yaml", yaml);
            RecipeJob.Options opts = new RecipeJob.Options(Duration.ofMillis(500), 256L << 20, false, false);
            JobSpec spec = RecipeJob.prepare(recipe, opts);
            assertThat(spec.plan().describe()).isEqualTo(
                    "fused[whitespace_normalization_mapper] -> async(llm_quality_score_filter) -> fused[text_length_filter]");
            RecipeJob.Result result = RecipeJob.run(spec, opts, System.out);

            List<Integer> kept = new ArrayList<>();
            for (Sample s : TestData.samples(result.outputs().export())) {
                kept.add(s.root().get("id").asInt());
                assertThat(s.text("text")).as("the mapper before the async stage ran").isEqualTo("doc " + s.root().get("id").asInt() + " is a sample text");
                assertThat(s.root().has("__djflink_async__")).isFalse();
            }
            List<Integer> wantKept = new ArrayList<>();
            List<Integer> wantErrors = new ArrayList<>();
            int filtered = 0;
            for (int i = 0; i < n; i++) {
                if (i % 23 == 0 || i % 29 == 0 || i % 31 == 0) {
                    wantErrors.add(i);
                } else if (keptByRating(i)) {
                    wantKept.add(i);
                } else {
                    filtered++;
                }
            }
            assertThat(kept).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(wantKept);

            List<String> errors = TestData.lines(result.outputs().errors());
            assertThat(errors).hasSize(wantErrors.size());
            for (String line : errors) {
                var e = Sample.JSON.readTree(line);
                int i = e.path("sample").path("id").asInt();
                assertThat(wantErrors).contains(i);
                assertThat(e.path("op").asText()).isEqualTo("llm_quality_score_filter");
                String why = e.path("error").asText();
                if (i % 23 == 0) {
                    assertThat(why).contains("no usable reply after 2 tries").contains("I cannot rate doc " + i);
                } else if (i % 29 == 0) {
                    assertThat(why).contains("HTTP 500").contains("model crashed").contains("after 3 attempts");
                } else {
                    assertThat(why).contains("async timeout");
                }
            }
            assertThat(throttled).as("the 429s were sent and retried").isNotEmpty();

            RunSummary s = result.summary();
            assertThat(s.read()).isEqualTo(n);
            assertThat(s.kept()).isEqualTo(wantKept.size());
            assertThat(s.errors()).isEqualTo(wantErrors.size());
            assertThat(s.filtered()).isEqualTo(filtered);
            assertThat(s.balanced()).isTrue();
        }
    }

    @Test
    void aTaskFailureWithRequestsInFlightLosesAndDuplicatesNothing() throws Exception {
        try (LocalChatEndpoint endpoint = new LocalChatEndpoint(10, 32,
                prompt -> Reply.content(LocalChatEndpoint.qualityRating(docNumber(prompt) % 5 + 1)))) {
            int n = 800;
            Path in = input(n);
            String yaml = recipe(in, endpoint, "", "  - fail_once_mapper:\n      after: 150", "djflink:\n  async.capacity: 50");
            Recipe recipe = RecipeLoader.parse("async-failover.yaml", yaml);
            RecipeJob.Options opts = new RecipeJob.Options(Duration.ofMillis(200), 256L << 20, false, false);
            JobSpec spec = RecipeJob.prepare(recipe, opts);
            Path checkpoints = spec.staging().resolve("checkpoints");
            FailOnceMapper.SEEN.set(0);
            FailOnceMapper.FAILURES_LEFT.set(1);
            FailOnceMapper.ready = () -> MiniClusters.hasCompletedCheckpoint(checkpoints);
            RecipeJob.Result result = RecipeJob.run(spec, opts, System.out);
            assertThat(FailOnceMapper.FAILURES_LEFT.get()).as("the failure was injected").isZero();

            List<Integer> kept = new ArrayList<>();
            for (Sample s : TestData.samples(result.outputs().export())) {
                kept.add(s.root().get("id").asInt());
            }
            List<Integer> want = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (keptByRating(i)) {
                    want.add(i);
                }
            }
            assertThat(kept).as("no sample lost or written twice").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(want);
            assertThat(endpoint.requests()).as("the restore sent requests again").isGreaterThan(n);
            RunSummary s = result.summary();
            assertThat(s.read()).isEqualTo(n);
            assertThat(s.kept()).isEqualTo(want.size());
            assertThat(s.filtered()).isEqualTo(n - want.size());
            assertThat(s.errors()).isZero();
            assertThat(s.balanced()).isTrue();
        }
    }

    @Test
    void aSplittingMapperAddsSamplesAndTheCountsStillBalance() throws Exception {
        try (LocalChatEndpoint endpoint = new LocalChatEndpoint(5, 16, prompt -> {
            int i = docNumber(prompt);
            StringBuilder qa = new StringBuilder();
            for (int k = 0; k < i % 3; k++) {
                qa.append("Human: question ").append(k).append(" of ").append(i).append("?\nAssistant: answer ").append(k).append(".\n");
            }
            return Reply.content(qa.length() == 0 ? "no questions here" : qa.toString());
        })) {
            int n = 60;
            Path in = input(n);
            String yaml = String.join("\n",
                    "project_name: async-split",
                    "dataset_path: '" + in + "'",
                    "export_path: '" + tmp.resolve("out/kept.jsonl") + "'",
                    "np: 2",
                    "process:",
                    "  - generate_qa_from_text_mapper:",
                    "      api_endpoint: '" + endpoint.url() + "'",
                    "      try_num: 1",
                    "  - text_length_filter:",
                    "      text_key: query",
                    "      min_len: 1",
                    "");
            RecipeJob.Options opts = new RecipeJob.Options(Duration.ofMillis(500), 256L << 20, false, false);
            JobSpec spec = RecipeJob.prepare(RecipeLoader.parse("split.yaml", yaml), opts);
            RecipeJob.Result result = RecipeJob.run(spec, opts, System.out);

            List<String> got = new ArrayList<>();
            for (Sample s : TestData.samples(result.outputs().export())) {
                got.add(s.text("query") + " | " + s.text("response"));
            }
            List<String> want = new ArrayList<>();
            int errors = 0;
            for (int i = 0; i < n; i++) {
                if (i % 3 == 0) {
                    errors++;
                }
                for (int k = 0; k < i % 3; k++) {
                    want.add("question " + k + " of " + i + "? | answer " + k + ".");
                }
            }
            assertThat(got).containsExactlyInAnyOrderElementsOf(want);
            RunSummary s = result.summary();
            assertThat(s.errors()).isEqualTo(errors);
            assertThat(s.added()).isEqualTo(want.size() - (n - errors));
            assertThat(s.balanced()).isTrue();
        }
    }

    @Test
    void orderedEmitsInInputOrderWhateverTheReplyOrder() throws Exception {
        // replies of later docs come sooner, so an unordered stage would reverse them
        try (LocalChatEndpoint endpoint = new LocalChatEndpoint(0, 64, prompt -> {
            int i = docNumber(prompt);
            return Reply.content(LocalChatEndpoint.qualityRating(5)).delayed(200 - 4L * (i % 40));
        })) {
            int n = 80;
            Path in = input(n);
            String yaml = recipe(in, endpoint, "", "", "djflink:\n  async.ordered: true\n  async.capacity: 40")
                    .replace("np: 2", "np: 1");
            RecipeJob.Options opts = new RecipeJob.Options(Duration.ofMillis(500), 256L << 20, false, false);
            RecipeJob.Result result = RecipeJob.run(RecipeJob.prepare(RecipeLoader.parse("ordered.yaml", yaml), opts), opts, System.out);
            List<Integer> got = new ArrayList<>();
            for (Sample s : TestData.samples(result.outputs().export())) {
                got.add(s.root().get("id").asInt());
            }
            List<Integer> want = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                want.add(i);
            }
            assertThat(got).containsExactlyElementsOf(want);
        }
    }

    @Test
    void skipOpErrorFalseStopsTheJobWithTheOpAndTheReason() throws Exception {
        try (LocalChatEndpoint endpoint = new LocalChatEndpoint(0, 8, prompt -> Reply.raw(503, "{\"error\": \"down\"}"))) {
            Path in = input(10);
            String yaml = recipe(in, endpoint, "      skip_op_error: false\n      max_retries: 0\n      try_num: 1", "", "");
            RecipeJob.Options opts = new RecipeJob.Options(Duration.ofMillis(500), 256L << 20, false, false);
            JobSpec spec = RecipeJob.prepare(RecipeLoader.parse("stop.yaml", yaml), opts);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RecipeJob.run(spec, opts, System.out))
                    .isInstanceOf(io.djflink.run.OpFailure.class)
                    .hasMessageContaining("llm_quality_score_filter")
                    .hasMessageContaining("skip_op_error is false")
                    .hasMessageContaining("HTTP 503");
            // Restarts are suppressed, but Flink may restart once anyway when the source
            // coordinator's backlog event reaches the task that has just failed ("an
            // OperatorEvent ... was lost", a recoverable failover that races the real cause);
            // the fixed-delay strategy of bounded jobs would otherwise send them 4 times.
            assertThat(endpoint.requests()).as("at most one attempt beyond the first").isLessThanOrEqualTo(20);
        }
    }
}
