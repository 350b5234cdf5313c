package io.djflink.ops.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.djflink.ops.AsyncOp;
import io.djflink.ops.BaseFilter;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamException;
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
 * Data-Juicer's {@code llm_analysis_filter} and the base of its family: an LLM rates the sample's
 * fields ({@code input_keys}, shown under {@code field_names} through {@code field_template}) on
 * dimensions and answers in JSON; the stat {@code <prefix>_score} is the mean of the
 * {@code dim_required_keys} scores divided by 5, {@code <prefix>_record} the parsed JSON; the
 * sample is kept when the score is in [min_score, max_score].
 *
 * <p>The default prompts are djflink's renderings of Data-Juicer's (same dimensions, 1-5 scale and
 * JSON shape; the wording is the project's own). One difference is deliberate: when no reply of
 * {@code try_num} parses, Data-Juicer writes score 0 and drops the sample as if the model had rated
 * it low; djflink sends it to the error output with the reason, so a broken endpoint is visible
 * instead of filtering the whole dataset.
 */
public class LlmAnalysisFilter extends BaseFilter implements AsyncOp {

    /** The JSON object in a reply, up to three levels of nested braces (as Data-Juicer extracts it). */
    private static final Pattern OUTER_BRACES = Pattern.compile("(\\{(?:[^{}]|\\{(?:[^{}]|\\{[^{}]*\\})*\\})*\\})");

    static final String DEFAULT_INPUT_TEMPLATE = "# Data\n'''\n{data}\n'''\n\n# Response\njson\n";
    static final String DEFAULT_FIELD_TEMPLATE = "**{field_name}**\n{field_data}";

    private final String scoreKey;
    private final String recordKey;
    private final Double minScore;
    private final Double maxScore;
    private final List<String> inputKeys;
    private final List<String> fieldNames;
    private final String systemPrompt;
    private final String inputTemplate;
    private final String fieldTemplate;
    private final List<String> requiredDims;
    private final BoundApi api;

    protected LlmAnalysisFilter(Params p, String statPrefix, String defaultSystemPrompt, List<String> defaultDims) {
        super(p);
        this.scoreKey = statPrefix + "_score";
        this.recordKey = statPrefix + "_record";
        this.minScore = p.numberOrNull("min_score");
        this.maxScore = p.numberOrNull("max_score");
        this.inputKeys = p.strings("input_keys");
        this.fieldNames = p.strings("field_names");
        if (inputKeys.size() != fieldNames.size()) {
            throw new ParamException("field_names", "op " + p.op() + ": field_names must name each of input_keys (" + inputKeys.size()
                    + " keys, " + fieldNames.size() + " names)");
        }
        this.systemPrompt = p.isNull("system_prompt") ? defaultSystemPrompt : p.string("system_prompt");
        this.inputTemplate = p.isNull("input_template") ? DEFAULT_INPUT_TEMPLATE : p.string("input_template");
        this.fieldTemplate = p.isNull("field_template") ? DEFAULT_FIELD_TEMPLATE : p.string("field_template");
        this.requiredDims = p.isNull("dim_required_keys") ? defaultDims : p.strings("dim_required_keys");
        this.api = new BoundApi(p, "api_or_hf_model");
    }

    /** The chat-completions URL this op calls. */
    public java.net.URI endpoint() {
        return api.url();
    }

    @Override
    public void open() {
        api.open();
    }

    @Override
    public CompletableFuture<List<Sample>> applyAsync(Sample sample) {
        if (sample.hasStat(scoreKey)) {
            return CompletableFuture.completedFuture(List.of(sample));
        }
        List<ChatClient.Message> messages;
        try {
            messages = messages(sample);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return api.tryParse(messages, this::parse).thenApply(r -> {
            ObjectNode stats = sample.stats();
            stats.put(scoreKey, r.score);
            stats.put(recordKey, r.record);
            return List.of(sample);
        });
    }

    /** The chat of one sample: the system prompt, then the fields rendered into the input template. */
    List<ChatClient.Message> messages(Sample sample) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < inputKeys.size(); i++) {
            JsonNode v = sample.get(inputKeys.get(i));
            if (v == null || v.isNull()) {
                throw new IllegalArgumentException("sample has no field '" + inputKeys.get(i) + "' (input_keys)");
            }
            parts.add(PyFormat.format(fieldTemplate, Map.of("field_name", fieldNames.get(i),
                    "field_data", v.isTextual() ? v.asText() : v.toString()), List.of()));
        }
        String user = PyFormat.format(inputTemplate, Map.of("data", String.join("\n\n", parts)), List.of());
        return List.of(new ChatClient.Message("system", systemPrompt), new ChatClient.Message("user", user));
    }

    record Rated(double score, String record) {}

    /** The score of a reply: the mean of the required dimensions over 5; null when the reply has no such JSON. */
    Rated parse(String reply) {
        Matcher m = OUTER_BRACES.matcher(reply);
        if (!m.find()) {
            return null;
        }
        JsonNode data;
        try {
            data = Sample.JSON.readTree(m.group(1));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("invalid JSON", e);
        }
        JsonNode dims = data.path("dimension_scores");
        double total = 0;
        for (String k : requiredDims) {
            JsonNode v = dims.get(k);
            if (v == null || !v.isNumber()) {
                throw new IllegalArgumentException("dimension_scores." + k + " is " + (v == null ? "missing" : v));
            }
            total += v.asDouble();
        }
        return new Rated(total / requiredDims.size() / 5.0, data.toString());
    }

    @Override
    public void computeStats(Sample sample, SampleContext ctx) throws Exception {
        try {
            applyAsync(sample).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }

    @Override
    public boolean keep(Sample sample) {
        return inRange(stat(sample, scoreKey), minScore, maxScore);
    }

    @Override
    public List<String> statKeys() {
        return List.of(scoreKey, recordKey);
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

    /** The parameters of the family (Data-Juicer's LLMAnalysisFilter). */
    static List<ParamSpec> familyParams(boolean withDims) {
        List<ParamSpec> p = new ArrayList<>(ApiOp.params("api_or_hf_model", "gpt-4o", true));
        p.add(ParamSpec.of("min_score", ParamType.FLOAT, 0.5, "lowest score kept").allowNull());
        p.add(ParamSpec.of("max_score", ParamType.FLOAT, 1.0, "highest score kept").allowNull());
        p.add(ParamSpec.of("input_keys", ParamType.STRING_LIST, List.of("text"), "sample fields shown to the model"));
        p.add(ParamSpec.of("field_names", ParamType.STRING_LIST, List.of("Text"), "the name of each input key in the prompt"));
        p.add(ParamSpec.of("system_prompt", ParamType.STRING, null, "system prompt (null: the op's rating prompt)").allowNull());
        p.add(ParamSpec.of("input_template", ParamType.STRING, null, "user prompt with {data} (null: the op's)").allowNull());
        p.add(ParamSpec.of("field_template", ParamType.STRING, null, "one field with {field_name} and {field_data} (null: the op's)").allowNull());
        if (withDims) {
            p.add(ParamSpec.of("dim_required_keys", ParamType.STRING_LIST, null, "dimensions averaged into the score (null: the op's)").allowNull());
        }
        return p;
    }

    static final String ANALYSIS_PROMPT = """
            You are a careful assessor of data quality for training large language models. Rate the data sample \
            on each dimension below and explain your rating briefly.

            1. Dimensions (score each from 1 = lowest to 5 = highest):
            - Clarity: how easy the sample is to understand.
            - Relevance: how relevant the sample is to its apparent task or topic.
            - Usefulness: how valuable the information in the sample is.
            - Fluency: how natural and well written the sample is (grammar, style).

            2. Tags: give descriptive tags for the sample's topic and style.

            3. Base every score and tag on evidence in the text; flag samples that need a human review.

            4. Output format (JSON only):
            {
              "dimension_scores": {"clarity": <1-5>, "relevance": <1-5>, "usefulness": <1-5>, "fluency": <1-5>},
              "tags": {"topic": "<tag>", "style": "<tag>"},
              "flags": ["syntax_error", "insufficient_information", ...],
              "rationale": "<a short analysis>",
              "recommendation": ["keep", "review", "discard"]
            }
            """;

    /** Registers {@code llm_analysis_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "llm_analysis_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "an LLM (OpenAI-compatible API) rates the sample on clarity, relevance, usefulness and fluency (1-5); "
                    + "stats llm_analysis_score (mean/5) and llm_analysis_record; keeps scores in [min_score, max_score]; "
                    + "runs in an async stage";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return familyParams(true);
        }

        @Override
        public Op create(Params p) {
            return new LlmAnalysisFilter(p, "llm_analysis", ANALYSIS_PROMPT, List.of("clarity", "relevance", "usefulness", "fluency"));
        }
    }
}
