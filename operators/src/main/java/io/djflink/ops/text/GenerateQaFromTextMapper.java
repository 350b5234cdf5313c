package io.djflink.ops.text;

import io.djflink.ops.AsyncOp;
import io.djflink.ops.BaseOp;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamException;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.llm.ApiOp;
import io.djflink.ops.llm.BoundApi;
import io.djflink.ops.llm.ChatClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Data-Juicer's {@code generate_qa_from_text_mapper}: the text goes to a doc-to-QA model as the
 * prompt, every match of {@code output_pattern} in the reply (Python's {@code re.findall} with
 * DOTALL; default {@code Human:(.*?)Assistant:(.*?)(?=Human|$)}) is a (query, response) pair, and
 * the sample becomes one copy per pair, at most {@code max_num}, with {@code query_key} and
 * {@code response_key} set.
 *
 * <p>Data-Juicer runs the model in process (Hugging Face or vLLM); djflink calls the same model
 * behind an OpenAI-compatible API ({@code hf_model} is the model name sent). A reply without a pair
 * uses up one of {@code try_num} tries (a djflink parameter; Data-Juicer drops such a sample
 * silently), and after the last the sample goes to the error output with the reason.
 */
public final class GenerateQaFromTextMapper extends BaseOp implements AsyncOp {

    static final String DEFAULT_OUTPUT_PATTERN = "Human:(.*?)Assistant:(.*?)(?=Human|$)";

    private final String queryKey;
    private final String responseKey;
    private final Integer maxNum;
    private final Pattern outputPattern;
    private final BoundApi api;

    GenerateQaFromTextMapper(Params p) {
        super(p);
        this.queryKey = p.string("query_key");
        this.responseKey = p.string("response_key");
        this.maxNum = p.isNull("max_num") ? null : (int) p.integer("max_num");
        this.outputPattern = compile(p, DEFAULT_OUTPUT_PATTERN);
        this.api = new BoundApi(p, "hf_model");
    }

    static Pattern compile(Params p, String def) {
        String re = p.isNull("output_pattern") ? def : p.string("output_pattern");
        try {
            return Pattern.compile(re, Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new ParamException("output_pattern", "parameter 'output_pattern' of op " + p.op() + ": " + e.getMessage());
        }
    }

    @Override
    public void open() {
        api.open();
    }

    @Override
    public CompletableFuture<List<Sample>> applyAsync(Sample sample) {
        String text = sample.text(textKey);
        if (text == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("sample has no text field '" + textKey + "'"));
        }
        return api.tryParse(List.of(new ChatClient.Message("user", text)), this::parse).thenApply(pairs -> {
            List<Sample> out = new ArrayList<>(pairs.size());
            for (String[] qa : pairs) {
                Sample s = sample.copy();
                s.setText(queryKey, qa[0]);
                s.setText(responseKey, qa[1]);
                out.add(s);
            }
            return out;
        });
    }

    /** The pairs of a reply, at most max_num; null when there is none. */
    List<String[]> parse(String reply) {
        List<String[]> pairs = new ArrayList<>();
        Matcher m = outputPattern.matcher(reply);
        while (m.find() && (maxNum == null || pairs.size() < maxNum)) {
            pairs.add(new String[] {m.group(1).strip(), m.group(2).strip()});
        }
        return pairs.isEmpty() ? null : pairs;
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

    /** Registers {@code generate_qa_from_text_mapper}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "generate_qa_from_text_mapper";
        }

        @Override
        public OpKind kind() {
            return OpKind.MAPPER;
        }

        @Override
        public String doc() {
            return "a doc-to-QA model (OpenAI-compatible API) writes QA pairs for the text; one sample per pair "
                    + "(query/response), at most max_num; runs in an async stage";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            List<ParamSpec> p = new ArrayList<>(ApiOp.params("hf_model", "alibaba-pai/pai-qwen1_5-7b-doc2qa", false));
            p.add(ParamSpec.of("max_num", ParamType.INT, null, "most QA samples per text (null: no limit)").allowNull().positive());
            p.add(ParamSpec.of("output_pattern", ParamType.STRING, null, "regex with groups (query, response), found repeatedly in the reply").allowNull());
            return p;
        }

        @Override
        public Op create(Params p) {
            return new GenerateQaFromTextMapper(p);
        }
    }
}
