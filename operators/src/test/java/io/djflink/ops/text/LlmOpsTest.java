package io.djflink.ops.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.ops.Op;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.ParamException;
import io.djflink.ops.Sample;
import io.djflink.ops.llm.ChatTestServer;
import io.djflink.ops.llm.ChatTestServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LLM ops against a local chat-completions server: prompts sent, replies parsed, try_num. */
class LlmOpsTest {

    @TempDir
    Path tmp;

    private static Op create(String name, Map<String, Object> args) throws Exception {
        Op op = OpRegistry.get().factory(name).create(args);
        op.open();
        return op;
    }

    private static Map<String, Object> args(ChatTestServer s, Object... kv) {
        Map<String, Object> a = new HashMap<>();
        a.put("api_endpoint", s.url());
        a.put("retry_backoff", 0.01);
        for (int i = 0; i < kv.length; i += 2) {
            a.put((String) kv[i], kv[i + 1]);
        }
        return a;
    }

    private static List<Sample> run(Op op, Sample s) throws Exception {
        try {
            return ((io.djflink.ops.AsyncOp) op).applyAsync(s).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private static String rating(int a, int b, int c, int d) {
        return "Here is my assessment:\n```json\n{\"dimension_scores\": {\"accuracy\": " + a + ", \"grammar\": " + b
                + ", \"informativeness\": " + c + ", \"coherence\": " + d + "}, \"flags\": [], \"rationale\": \"ok\"}\n```";
    }

    @Test
    void qualityScoreIsTheMeanOfTheDimensionsOverFiveAndTheRangeDecides() throws Exception {
        try (ChatTestServer s = new ChatTestServer(r -> Reply.content(r.user().contains("good") ? rating(5, 4, 4, 3) : rating(1, 2, 1, 2)))) {
            Op op = create("llm_quality_score_filter", args(s, "api_or_hf_model", "judge"));
            Sample good = Sample.ofText("text", "a good text");
            run(op, good);
            assertThat(good.stats().get("llm_quality_score").asDouble()).isEqualTo(0.8);
            assertThat(good.stats().get("llm_quality_record").asText()).contains("\"accuracy\":5");
            assertThat(((io.djflink.ops.Filter) op).keep(good)).isTrue();
            Sample bad = Sample.ofText("text", "a poor text");
            run(op, bad);
            assertThat(bad.stats().get("llm_quality_score").asDouble()).isEqualTo(0.3);
            assertThat(((io.djflink.ops.Filter) op).keep(bad)).isFalse();

            var req = s.requests.get(0);
            assertThat(req.path("model").asText()).isEqualTo("judge");
            assertThat(req.path("messages").get(0).path("role").asText()).isEqualTo("system");
            assertThat(req.path("messages").get(0).path("content").asText()).contains("Accuracy").contains("dimension_scores");
            assertThat(req.path("messages").get(1).path("content").asText())
                    .isEqualTo("# Data\n'''\n**Text**\na good text\n'''\n\n# Response\njson\n");
            op.close();
        }
    }

    @Test
    void difficultyUsesItsFiveDimensionsAndCustomFieldsAndTemplates() throws Exception {
        String reply = "{\"dimension_scores\": {\"linguistic_complexity\": 5, \"conceptual_depth\": 5, \"prior_knowledge\": 4,"
                + " \"step_complexity\": 3, \"ambiguity\": 3}}";
        try (ChatTestServer s = new ChatTestServer(r -> Reply.content(reply))) {
            Op op = create("llm_difficulty_score_filter", args(s, "input_keys", List.of("query", "answer"),
                    "field_names", List.of("Q", "A"), "input_template", "rate {data} now", "min_score", 0.9));
            Sample x = Sample.parse("{\"query\": \"why?\", \"answer\": \"because\"}");
            run(op, x);
            assertThat(x.stats().get("llm_difficulty_score").asDouble()).isEqualTo(0.8);
            assertThat(((io.djflink.ops.Filter) op).keep(x)).isFalse();
            assertThat(s.requests.get(0).path("messages").get(1).path("content").asText())
                    .isEqualTo("rate **Q**\nwhy?\n\n**A**\nbecause now");
        }
    }

    @Test
    void anUnparsableReplyIsRetriedTryNumTimesThenFailsWithTheReason() throws Exception {
        try (ChatTestServer s = new ChatTestServer(r -> Reply.content("I would rather not rate this."))) {
            Op op = create("llm_quality_score_filter", args(s, "try_num", 2));
            assertThatThrownBy(() -> run(op, Sample.ofText("text", "t")))
                    .hasMessageContaining("no usable reply after 2 tries").hasMessageContaining("I would rather not rate this");
            assertThat(s.count()).isEqualTo(2);
        }
    }

    @Test
    void aReplyParsedOnTheSecondTryCounts() throws Exception {
        try (ChatTestServer s = new ChatTestServer(r -> Reply.content(r.n() == 1 ? "{\"dimension_scores\": {\"accuracy\": 5}}" : rating(5, 5, 5, 5)))) {
            Op op = create("llm_quality_score_filter", args(s));
            Sample x = Sample.ofText("text", "t");
            run(op, x);
            assertThat(x.stats().get("llm_quality_score").asDouble()).isEqualTo(1.0);
            assertThat(s.count()).isEqualTo(2);
        }
    }

    @Test
    void anExistingStatIsNotRecomputed() throws Exception {
        try (ChatTestServer s = new ChatTestServer(r -> Reply.content(rating(1, 1, 1, 1)))) {
            Op op = create("llm_quality_score_filter", args(s));
            Sample x = Sample.ofText("text", "t");
            x.stats().put("llm_quality_score", 0.7);
            run(op, x);
            assertThat(s.count()).isZero();
            assertThat(((io.djflink.ops.Filter) op).keep(x)).isTrue();
        }
    }

    @Test
    void optimizeQaReplacesQueryAndResponseFromTheMarkedReply() throws Exception {
        try (ChatTestServer s = new ChatTestServer(r -> Reply.content("好的。\n【问题】\n 更好的问题？\n【回答】\n更详细的回答。\n"))) {
            Op op = create("optimize_qa_mapper", args(s));
            Sample x = Sample.parse("{\"query\": \"q?\", \"response\": \"a.\"}");
            run(op, x);
            assertThat(x.text("query")).isEqualTo("更好的问题？");
            assertThat(x.text("response")).isEqualTo("更详细的回答。");
            assertThat(s.requests.get(0).path("messages").get(1).path("content").asText())
                    .isEqualTo("以下是原始问答对：\n【问题】\nq?\n【回答】\na.");
        }
    }

    @Test
    void generateQaSplitsTheSampleIntoOnePerPairUpToMaxNum() throws Exception {
        try (ChatTestServer s = new ChatTestServer(r -> Reply.content("Human: Q1?\nAssistant: A1.\nHuman: Q2?\nAssistant: A2.\nHuman: Q3?\nAssistant: A3."))) {
            Op op = create("generate_qa_from_text_mapper", args(s, "max_num", 2, "hf_model", "doc2qa"));
            List<Sample> out = run(op, Sample.parse("{\"text\": \"a document\", \"id\": 7}"));
            assertThat(out).hasSize(2);
            assertThat(out.get(0).text("query")).isEqualTo("Q1?");
            assertThat(out.get(0).text("response")).isEqualTo("A1.");
            assertThat(out.get(1).text("query")).isEqualTo("Q2?");
            assertThat(out.get(1).root().get("id").asInt()).isEqualTo(7);
            assertThat(s.requests.get(0).path("messages").get(0).path("content").asText()).isEqualTo("a document");
        }
    }

    @Test
    void theApiKeyComesFromAFileAndNeverFromTheRecipe() throws Exception {
        Path key = Files.writeString(tmp.resolve("key"), "sk-secret\n");
        try (ChatTestServer s = new ChatTestServer(r -> Reply.content(rating(3, 3, 3, 3)))) {
            Op op = create("llm_quality_score_filter", args(s, "api_key_file", key.toString()));
            run(op, Sample.ofText("text", "t"));
            assertThat(s.authorizations).containsExactly("Bearer sk-secret");
            assertThatThrownBy(() -> create("llm_quality_score_filter", args(s, "model_params", Map.of("api_key", "sk-x"))))
                    .isInstanceOf(ParamException.class).hasMessageContaining("does not belong in a recipe").hasMessageNotContaining("sk-x");
            assertThatThrownBy(() -> create("llm_quality_score_filter", args(s, "api_key_env", "sk-abcdef123")))
                    .isInstanceOf(ParamException.class).hasMessageContaining("not a variable name").hasMessageNotContaining("abcdef");
        }
    }

    @Test
    void inProcessModelsAreRefusedNamingTheApiMode() throws Exception {
        try (ChatTestServer s = new ChatTestServer(r -> Reply.content(""))) {
            assertThatThrownBy(() -> create("llm_quality_score_filter", args(s, "is_hf_model", true)))
                    .isInstanceOf(ParamException.class).hasMessageContaining("OpenAI-compatible API");
            assertThatThrownBy(() -> create("optimize_qa_mapper", args(s, "enable_vllm", true)))
                    .isInstanceOf(ParamException.class).hasMessageContaining("supported mode is API");
        }
        Map<String, Object> base = new HashMap<>();
        base.put("model_params", Map.of("base_url", "http://127.0.0.1:1/v1/"));
        base.put("api_endpoint", "chat/completions");
        var op = (LlmQualityScoreFilter) OpRegistry.get().factory("llm_quality_score_filter").create(base);
        assertThat(op.endpoint()).hasToString("http://127.0.0.1:1/v1/chat/completions");
    }

    @Test
    void serverErrorsUseUpRetriesThenTriesAndNameTheStatus() throws Exception {
        try (ChatTestServer s = new ChatTestServer(r -> Reply.status(500, "{\"error\": \"model crashed\"}"))) {
            Op op = create("llm_quality_score_filter", args(s, "try_num", 2, "max_retries", 2));
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> run(op, Sample.ofText("text", "t")))
                    .hasMessageContaining("HTTP 500").hasMessageContaining("model crashed").hasMessageContaining("after 3 attempts");
            assertThat(s.count()).isEqualTo(6);
            assertThat(System.nanoTime() - t0).isLessThan(java.time.Duration.ofSeconds(2).toNanos());
        }
    }
}
