package io.djflink.ops.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.djflink.ops.Sample;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A chat-completions endpoint on the JDK's HTTP server, for tests: each request (its parsed JSON
 * body and its number, from 1) is answered by a script. Records what came in and the most requests
 * it ever had open at once.
 */
public final class ChatTestServer implements AutoCloseable {

    /** One scripted answer. */
    public record Reply(int status, String body, Map<String, String> headers, long delayMs) {
        /** A 200 with the chat-completions shape around {@code content}. */
        public static Reply content(String content) {
            var root = Sample.JSON.createObjectNode();
            root.put("id", "chatcmpl-test");
            root.put("object", "chat.completion");
            root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                    .putObject("message").put("role", "assistant").put("content", content);
            return new Reply(200, root.toString(), Map.of(), 0);
        }

        public static Reply status(int status, String body) {
            return new Reply(status, body, Map.of(), 0);
        }

        public Reply after(long ms) {
            return new Reply(status, body, headers, ms);
        }

        public Reply header(String name, String value) {
            return new Reply(status, body, Map.of(name, value), delayMs);
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    public final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    public final List<String> authorizations = new CopyOnWriteArrayList<>();
    public final List<Long> arrivals = new CopyOnWriteArrayList<>();

    public ChatTestServer(Function<Request, Reply> script) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(pool);
        server.createContext("/v1/chat/completions", ex -> {
            int now = open.incrementAndGet();
            maxOpen.accumulateAndGet(now, Math::max);
            try {
                arrivals.add(System.nanoTime());
                JsonNode body = Sample.JSON.readTree(ex.getRequestBody().readAllBytes());
                requests.add(body);
                authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
                Reply r = script.apply(new Request(count.incrementAndGet(), body));
                if (r.delayMs() > 0) {
                    Thread.sleep(r.delayMs());
                }
                byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
                r.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(r.status(), out.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client went away (e.g. its timeout): nothing to answer
            } finally {
                open.decrementAndGet();
                ex.close();
            }
        });
        server.start();
    }

    /** A request as the script sees it. */
    public record Request(int n, JsonNode body) {
        /** The content of the last user message. */
        public String user() {
            JsonNode msgs = body.path("messages");
            return msgs.get(msgs.size() - 1).path("content").asText();
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/chat/completions";
    }

    public int count() {
        return count.get();
    }

    public int maxOpen() {
        return maxOpen.get();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
