package io.djflink.job.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.djflink.ops.Sample;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A chat-completions endpoint on the JDK's HTTP server, answering each request after a fixed
 * latency from a script over the last user message: the stand-in for a slow remote model in
 * {@code djflink bench-async} and the job tests. It speaks the OpenAI wire shape; what a reply
 * says is the script's business.
 */
public final class LocalChatEndpoint implements AutoCloseable {

    /** An answer: HTTP status, the message content (for a 200) or raw body, extra delay. */
    public record Reply(int status, String content, String rawBody, String retryAfter, long extraDelayMs) {
        public static Reply content(String content) {
            return new Reply(200, content, null, null, 0);
        }

        public static Reply raw(int status, String body) {
            return new Reply(status, null, body, null, 0);
        }

        public Reply retryAfter(String seconds) {
            return new Reply(status, content, rawBody, seconds, extraDelayMs);
        }

        public Reply delayed(long ms) {
            return new Reply(status, content, rawBody, retryAfter, ms);
        }
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final AtomicInteger requests = new AtomicInteger();

    /**
     * @param latencyMs how long every reply takes
     * @param threads requests served at once (more wait in the server's queue)
     */
    public LocalChatEndpoint(long latencyMs, int threads, Function<String, Reply> script) throws IOException {
        // The JDK server writes headers and body apart; with Nagle's algorithm on, the client's
        // delayed ACK adds ~40 ms to every reply, which would be measured as model latency.
        // Read once per JVM, when the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        pool = Executors.newFixedThreadPool(threads);
        server.setExecutor(pool);
        server.createContext("/v1/chat/completions", ex -> {
            try {
                requests.incrementAndGet();
                JsonNode body = Sample.JSON.readTree(ex.getRequestBody().readAllBytes());
                JsonNode msgs = body.path("messages");
                Reply r = script.apply(msgs.get(msgs.size() - 1).path("content").asText());
                Thread.sleep(latencyMs + r.extraDelayMs());
                String out = r.rawBody();
                if (out == null) {
                    ObjectNode root = Sample.JSON.createObjectNode();
                    root.put("object", "chat.completion");
                    root.put("model", body.path("model").asText());
                    root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                            .putObject("message").put("role", "assistant").put("content", r.content());
                    out = root.toString();
                }
                byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
                if (r.retryAfter() != null) {
                    ex.getResponseHeaders().add("Retry-After", r.retryAfter());
                }
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(r.status(), bytes.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(bytes);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client went away (its timeout): nothing to answer
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    /** The chat-completions URL (an {@code api_endpoint} value). */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/chat/completions";
    }

    /** Requests received so far. */
    public int requests() {
        return requests.get();
    }

    /**
     * A rating in the shape the LLM analysis filters parse, every dimension at {@code score}
     * (the quality filter's four dimensions).
     */
    public static String qualityRating(int score) {
        return "```json\n{\"dimension_scores\": {\"accuracy\": " + score + ", \"grammar\": " + score + ", \"informativeness\": "
                + score + ", \"coherence\": " + score + "}, \"flags\": [], \"rationale\": \"local endpoint\"}\n```";
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
