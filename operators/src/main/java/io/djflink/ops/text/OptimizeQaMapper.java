package io.djflink.ops.text;

import io.djflink.ops.AsyncOp;
import io.djflink.ops.BaseOp;
import io.djflink.ops.Mapper;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import io.djflink.ops.llm.ApiOp;
import io.djflink.ops.llm.BoundApi;
import io.djflink.ops.llm.ChatClient;
import io.djflink.ops.llm.PyFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Data-Juicer's {@code optimize_qa_mapper}: the (query, response) pair is rendered with
 * {@code qa_pair_template} into {@code input_template} and sent after {@code system_prompt}; the
 * reply is matched from its start against {@code output_pattern} (dot matches newlines, as
 * Python's {@code re.match(..., re.DOTALL)}) and the two groups, stripped, replace the query and the
 * response; an empty group keeps the original field.
 *
 * <p>The default templates and pattern are djflink's transcription of Data-Juicer's (the Chinese
 * 【问题】/【回答】 markers). Two deliberate differences: Data-Juicer's default {@code is_hf_model}
 * is true, djflink's is false because it only calls APIs; and a sample none of whose
 * {@code try_num} replies match goes to the error output with the reason, where Data-Juicer keeps
 * it unchanged without saying so.
 */
public class OptimizeQaMapper extends BaseOp implements Mapper, AsyncOp {

    static final String DEFAULT_SYSTEM_PROMPT = "请优化输入的问答对，使【问题】和【回答】都更加详细、准确。"
            + "必须按照以下标记格式，直接输出优化后的问答对：\n【问题】\n优化后的问题\n【回答】\n优化后的回答";
    static final String DEFAULT_INPUT_TEMPLATE = "以下是原始问答对：\n{}";
    static final String DEFAULT_QA_PAIR_TEMPLATE = "【问题】\n{}\n【回答】\n{}";
    static final String DEFAULT_OUTPUT_PATTERN = ".*?【问题】\\s*(.*?)\\s*【回答】\\s*(.*)";

    private final String queryKey;
    private final String responseKey;
    private final String systemPrompt;
    private final String inputTemplate;
    private final String qaPairTemplate;
    private final Pattern outputPattern;
    private final BoundApi api;

    OptimizeQaMapper(Params p) {
        super(p);
        this.queryKey = p.string("query_key");
        this.responseKey = p.string("response_key");
        this.systemPrompt = p.isNull("system_prompt") ? DEFAULT_SYSTEM_PROMPT : p.string("system_prompt");
        this.inputTemplate = p.isNull("input_template") ? DEFAULT_INPUT_TEMPLATE : p.string("input_template");
        this.qaPairTemplate = p.isNull("qa_pair_template") ? DEFAULT_QA_PAIR_TEMPLATE : p.string("qa_pair_template");
        this.outputPattern = GenerateQaFromTextMapper.compile(p, DEFAULT_OUTPUT_PATTERN);
        this.api = new BoundApi(p, "api_or_hf_model");
    }

    @Override
    public void open() {
        api.open();
    }

    @Override
    public CompletableFuture<List<Sample>> applyAsync(Sample sample) {
        List<ChatClient.Message> messages;
        try {
            String q = field(sample, queryKey);
            String a = field(sample, responseKey);
            String qa = PyFormat.format(qaPairTemplate, Map.of(), List.of(q, a));
            messages = List.of(new ChatClient.Message("system", systemPrompt),
                    new ChatClient.Message("user", PyFormat.format(inputTemplate, Map.of(), List.of(qa))));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return api.tryParse(messages, this::parse).thenApply(qa -> {
            if (!qa[0].isEmpty()) {
                sample.setText(queryKey, qa[0]);
            }
            if (!qa[1].isEmpty()) {
                sample.setText(responseKey, qa[1]);
            }
            return List.of(sample);
        });
    }

    private static String field(Sample sample, String key) {
        String v = sample.text(key);
        if (v == null) {
            throw new IllegalArgumentException("sample has no text field '" + key + "'");
        }
        return v;
    }

    /** The optimized (query, response) of a reply, or null when it does not match or both are empty. */
    String[] parse(String reply) {
        Matcher m = outputPattern.matcher(reply);
        if (!m.lookingAt() || m.groupCount() < 2) {
            return null;
        }
        String q = m.group(1) == null ? "" : m.group(1).strip();
        String a = m.group(2) == null ? "" : m.group(2).strip();
        return q.isEmpty() && a.isEmpty() ? null : new String[] {q, a};
    }

    @Override
    public void map(Sample sample, SampleContext ctx) throws Exception {
        try {
            applyAsync(sample).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }

    @Override
    public Integer capacity() {
        return api.capacity();
    }

    @Override
    public Duration timeout() {
        return api.timeout();
    }

    @Override
    public void close() {
        api.close();
    }

    /** Registers {@code optimize_qa_mapper}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "optimize_qa_mapper";
        }

        @Override
        public OpKind kind() {
            return OpKind.MAPPER;
        }

        @Override
        public String doc() {
            return "an LLM (OpenAI-compatible API) rewrites the (query, response) pair to be more detailed, parsed with "
                    + "output_pattern; runs in an async stage";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            List<ParamSpec> p = new ArrayList<>(ApiOp.params("api_or_hf_model", "Qwen/Qwen2.5-7B-Instruct", true));
            p.add(ParamSpec.of("system_prompt", ParamType.STRING, null, "system prompt (null: the op's)").allowNull());
            p.add(ParamSpec.of("input_template", ParamType.STRING, null, "user prompt with one {} for the QA pair (null: the op's)").allowNull());
            p.add(ParamSpec.of("qa_pair_template", ParamType.STRING, null, "the pair with {} for query and {} for response (null: the op's)").allowNull());
            p.add(ParamSpec.of("output_pattern", ParamType.STRING, null, "regex with groups (query, response), matched from the reply's start").allowNull());
            return p;
        }

        @Override
        public Op create(Params p) {
            return new OptimizeQaMapper(p);
        }
    }
}
