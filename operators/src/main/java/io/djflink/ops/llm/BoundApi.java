package io.djflink.ops.llm;

import io.djflink.ops.Params;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One op's remote model: the client settings, {@code try_num} and async-stage limits bound from
 * its parameters ({@link ApiOp}), and the client, opened and closed with the op.
 */
public final class BoundApi {

    private final int tries;
    private final ChatClient.Config config;
    private final Integer capacity;
    private final Duration timeout;
    private ChatClient client;

    /** @param modelParam the op's Data-Juicer name of the model parameter */
    public BoundApi(Params p, String modelParam) {
        this.tries = (int) p.integer("try_num");
        this.config = ApiOp.config(p, modelParam);
        this.capacity = ApiOp.capacity(p);
        this.timeout = ApiOp.timeout(p);
    }

    /** The chat-completions URL. */
    public URI url() {
        return config.url();
    }

    public void open() {
        client = new ChatClient(config);
    }

    /** {@link ApiOp#tryParse} with the op's client and {@code try_num}. */
    public <T> CompletableFuture<T> tryParse(List<ChatClient.Message> messages, Function<String, T> parse) {
        return ApiOp.tryParse(client, messages, tries, parse);
    }

    /** The op's {@code async_capacity}, or null for the recipe's. */
    public Integer capacity() {
        return capacity;
    }

    /** The op's {@code async_timeout}, or null for the recipe's. */
    public Duration timeout() {
        return timeout;
    }

    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
