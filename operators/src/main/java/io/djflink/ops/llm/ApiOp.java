package io.djflink.ops.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.djflink.ops.ParamException;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What every op on a remote chat model shares: Data-Juicer's API parameters ({@code api_endpoint},
 * {@code response_path}, {@code model_params}, {@code sampling_params}, {@code try_num}), djflink's
 * client settings, the API key lookup, and the {@code try_num} loop around one chat.
 *
 * <p>Only the API mode exists: {@code is_hf_model} and {@code enable_vllm} are refused when true.
 * The base URL comes from {@code model_params.base_url}, else the {@code OPENAI_BASE_URL}
 * environment variable, else OpenAI's (as the OpenAI client Data-Juicer uses resolves it); {@code api_endpoint} is the path
 * under it (default {@code /chat/completions}) or a full URL. The key comes from the environment
 * variable named by {@code api_key_env} or the file named by {@code api_key_file}, never from the
 * recipe itself.
 */
public final class ApiOp {

    /** Data-Juicer's default {@code response_path}. */
    public static final String DEFAULT_RESPONSE_PATH = "choices.0.message.content";
    static final String DEFAULT_ENDPOINT = "/chat/completions";
    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    private ApiOp() {}

    /** The parameters of an API op, with {@code modelParam} (its Data-Juicer name) defaulting to {@code defaultModel}. */
    public static List<ParamSpec> params(String modelParam, String defaultModel, boolean withHfFlag) {
        List<ParamSpec> p = new ArrayList<>();
        p.add(ParamSpec.of(modelParam, ParamType.STRING, defaultModel, "model name sent in each request"));
        if (withHfFlag) {
            p.add(ParamSpec.of("is_hf_model", ParamType.BOOL, false, "must be false: djflink calls models through an API"));
        }
        p.add(ParamSpec.of("api_endpoint", ParamType.STRING, null,
                "path under the base URL (default /chat/completions) or a full http(s) URL").allowNull());
        p.add(ParamSpec.of("response_path", ParamType.STRING, null,
                "dotted path of the reply text in the response (default choices.0.message.content)").allowNull());
        p.add(ParamSpec.of("try_num", ParamType.INT, 3L, "attempts per sample when a call fails or its reply does not parse").positive());
        p.add(ParamSpec.of("enable_vllm", ParamType.BOOL, false, "must be false: serve the model with vLLM's OpenAI server and call it here"));
        p.add(ParamSpec.of("model_params", ParamType.MAP, Map.of(), "base_url (else $OPENAI_BASE_URL, else https://api.openai.com/v1); an api_key here is refused").allowNull());
        p.add(ParamSpec.of("sampling_params", ParamType.MAP, Map.of(), "extra request fields, e.g. temperature, top_p, max_tokens").allowNull());
        p.add(ParamSpec.of("api_key_env", ParamType.STRING, "OPENAI_API_KEY",
                "djflink: environment variable holding the API key (unset: no Authorization header)"));
        p.add(ParamSpec.of("api_key_file", ParamType.STRING, null, "djflink: file holding the API key (wins over api_key_env)").allowNull());
        p.add(ParamSpec.of("request_timeout", ParamType.FLOAT, 120.0, "djflink: seconds one HTTP exchange may take").range(0.001, null));
        p.add(ParamSpec.of("max_retries", ParamType.INT, 5L, "djflink: retries of a 429, 5xx or connection failure, with exponential backoff").range(0.0, null));
        p.add(ParamSpec.of("retry_backoff", ParamType.FLOAT, 1.0, "djflink: seconds before the first retry, doubled per retry (Retry-After wins)").range(0.0, null));
        p.add(ParamSpec.of("max_concurrency", ParamType.INT, 32L, "djflink: requests on the wire at once, per task").positive());
        p.add(ParamSpec.of("rate_limit", ParamType.FLOAT, 0.0, "djflink: request starts per second, per task (0: no limit)").range(0.0, null));
        p.add(ParamSpec.of("async_capacity", ParamType.INT, null,
                "djflink: samples in flight per task in the async stage (null: djflink async.capacity)").allowNull().positive());
        p.add(ParamSpec.of("async_timeout", ParamType.FLOAT, null,
                "djflink: seconds a sample may take, retries included, before it is an error (null: djflink async.timeout)").allowNull().range(0.001, null));
        return p;
    }

    /** The client configuration of bound parameters, refusing what djflink does not do. */
    public static ChatClient.Config config(Params p, String modelParam) {
        return config(p, modelParam, System::getenv);
    }

    static ChatClient.Config config(Params p, String modelParam, Function<String, String> env) {
        if (p.asMap().containsKey("is_hf_model") && p.bool("is_hf_model")) {
            throw new ParamException("is_hf_model", "op " + p.op() + ": is_hf_model: true is not supported; djflink runs LLM ops "
                    + "against an OpenAI-compatible API (serve a Hugging Face model with vLLM's OpenAI server and set model_params.base_url)");
        }
        if (p.bool("enable_vllm")) {
            throw new ParamException("enable_vllm", "op " + p.op() + ": enable_vllm: true is not supported; the supported mode is API: "
                    + "run `vllm serve <model>` and point model_params.base_url at it");
        }
        JsonNode mp = p.isNull("model_params") ? Sample.JSON.createObjectNode() : p.json("model_params");
        for (var it = mp.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.equals("api_key")) {
                throw new ParamException("model_params", "op " + p.op() + ": an API key does not belong in a recipe; "
                        + "put it in an environment variable named by api_key_env (default OPENAI_API_KEY) or a file named by api_key_file");
            }
            if (!k.equals("base_url")) {
                throw new ParamException("model_params", "op " + p.op() + ": model_params." + k + " is not supported (supported: base_url; "
                        + "client settings are request_timeout, max_retries, max_concurrency, rate_limit)");
            }
        }
        String keyEnv = p.string("api_key_env");
        if (!keyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ParamException("api_key_env", "op " + p.op() + ": api_key_env names an environment variable; '"
                    + (keyEnv.length() > 4 ? keyEnv.substring(0, 4) + "..." : keyEnv) + "' is not a variable name "
                    + "(a literal key does not belong in a recipe)");
        }
        URI url = url(p, mp.path("base_url").asText(null), env);
        String key = null;
        if (!p.isNull("api_key_file")) {
            try {
                key = Files.readString(Path.of(p.string("api_key_file")), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ParamException("api_key_file", "op " + p.op() + ": cannot read api_key_file: " + e);
            }
        } else {
            key = env.apply(keyEnv);
        }
        ObjectNode sampling = p.isNull("sampling_params") ? null : (ObjectNode) p.json("sampling_params");
        return new ChatClient.Config(url, p.string(modelParam), key == null || key.isEmpty() ? null : key,
                Duration.ofMillis((long) (p.number("request_timeout") * 1000)), (int) p.integer("max_retries"),
                Duration.ofMillis((long) (p.number("retry_backoff") * 1000)), (int) p.integer("max_concurrency"),
                p.number("rate_limit"), p.isNull("response_path") ? DEFAULT_RESPONSE_PATH : p.string("response_path"), sampling);
    }

    private static URI url(Params p, String baseUrl, Function<String, String> env) {
        String endpoint = p.isNull("api_endpoint") ? DEFAULT_ENDPOINT : p.string("api_endpoint");
        if (endpoint.startsWith("http://") || endpoint.startsWith("https://")) {
            return URI.create(endpoint);
        }
        String base = baseUrl != null ? baseUrl : env.apply("OPENAI_BASE_URL");
        if (base == null || base.isEmpty()) {
            // what the OpenAI client Data-Juicer uses falls back to
            base = DEFAULT_BASE_URL;
        }
        return URI.create(base.replaceAll("/+$", "") + "/" + endpoint.replaceAll("^/+", ""));
    }

    /** The stage capacity of bound parameters, or null. */
    public static Integer capacity(Params p) {
        return p.isNull("async_capacity") ? null : (int) p.integer("async_capacity");
    }

    /** The stage timeout of bound parameters, or null. */
    public static Duration timeout(Params p) {
        return p.isNull("async_timeout") ? null : Duration.ofMillis((long) (p.number("async_timeout") * 1000));
    }

    /**
     * Data-Juicer's {@code try_num} loop: up to {@code tries} chats, each reply given to
     * {@code parse}; the first parse that returns non-null completes the future. A call that fails
     * (after the client's own retries) or a reply that does not parse uses up one try; after the
     * last, the future fails with the last reason.
     */
    public static <T> CompletableFuture<T> tryParse(ChatClient client, List<ChatClient.Message> messages, int tries,
            Function<String, T> parse) {
        CompletableFuture<T> out = new CompletableFuture<>();
        tryOnce(client, messages, tries, 1, parse, out);
        return out;
    }

    private static <T> void tryOnce(ChatClient client, List<ChatClient.Message> messages, int tries, int n,
            Function<String, T> parse, CompletableFuture<T> out) {
        client.chat(messages).handle((reply, err) -> {
            String reason;
            if (err != null) {
                Throwable c = err.getCause() != null && err instanceof java.util.concurrent.CompletionException ? err.getCause() : err;
                reason = c.getMessage();
            } else {
                try {
                    T v = parse.apply(reply);
                    if (v != null) {
                        out.complete(v);
                        return null;
                    }
                    reason = "reply does not parse: " + excerpt(reply);
                } catch (RuntimeException e) {
                    reason = "reply does not parse (" + e.getMessage() + "): " + excerpt(reply);
                }
            }
            if (n < tries) {
                tryOnce(client, messages, tries, n + 1, parse, out);
            } else {
                out.completeExceptionally(new IllegalStateException("no usable reply after " + tries
                        + (tries == 1 ? " try" : " tries") + " (try_num): " + reason));
            }
            return null;
        });
    }

    private static String excerpt(String s) {
        String b = s.replaceAll("\\s+", " ");
        return b.length() > 160 ? b.substring(0, 160) + "..." : b;
    }
}
