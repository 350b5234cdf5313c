package io.djflink.ops.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.djflink.ops.Sample;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A non-blocking client of an OpenAI-compatible chat-completions endpoint (OpenAI, vLLM's server,
 * and the many that copy the shape) on the JDK's {@link HttpClient}.
 *
 * <p>Each request has a timeout; 429s, 5xx and connection failures are retried with exponential
 * backoff (a {@code Retry-After} in seconds wins over the computed delay); at most
 * {@code maxConcurrency} requests are on the wire at once and further ones wait in a queue; and
 * request starts are spaced to at most {@code rateLimit} per second. All of it holds per client,
 * and an op creates one client per task, so a job's totals are these figures times its parallelism.
 */
public final class ChatClient implements AutoCloseable {

    /**
     * How to reach the endpoint.
     *
     * @param url the full chat-completions URL
     * @param model the {@code model} field of every request
     * @param apiKey sent as a bearer token, or null for endpoints without authentication
     * @param requestTimeout one HTTP exchange, from sending to the last byte of the reply
     * @param maxRetries retries after the first attempt, for 429, 5xx and connection failures
     * @param initialBackoff the delay before the first retry; doubled for each further one, capped at a minute
     * @param maxConcurrency requests on the wire at once
     * @param rateLimit request starts per second, 0 for no limit
     * @param responsePath dotted path of the reply text in the response JSON (Data-Juicer's
     *     {@code response_path}, default {@code choices.0.message.content})
     * @param samplingParams extra fields of every request body (temperature, top_p, max_tokens, ...)
     */
    public record Config(URI url, String model, String apiKey, Duration requestTimeout, int maxRetries,
            Duration initialBackoff, int maxConcurrency, double rateLimit, String responsePath, ObjectNode samplingParams) {}

    /** A reply the endpoint refused or that has no text where the response path points. */
    public static final class ChatException extends RuntimeException {
        private final int status;

        public ChatException(int status, String message) {
            super(message);
            this.status = status;
        }

        /** The HTTP status, or 0 when the failure was not an HTTP reply. */
        public int status() {
            return status;
        }
    }

    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final Config config;
    private final HttpClient http;
    private final ScheduledExecutorService timer;
    private final String[] path;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int onWire;
    private long nextStartNanos;

    public ChatClient(Config config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.requestTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "djflink-chat-client-timer");
            t.setDaemon(true);
            return t;
        });
        this.path = config.responsePath().split("\\.");
    }

    public Config config() {
        return config;
    }

    /** Sends one chat; completes with the reply text (the response path's value). */
    public CompletableFuture<String> chat(List<Message> messages) {
        String body = requestBody(messages);
        CompletableFuture<String> result = new CompletableFuture<>();
        attempt(body, 0, result);
        return result;
    }

    /** One chat message. */
    public record Message(String role, String content) {}

    private String requestBody(List<Message> messages) {
        ObjectNode req = Sample.JSON.createObjectNode();
        req.put("model", config.model());
        ArrayNode msgs = req.putArray("messages");
        for (Message m : messages) {
            msgs.addObject().put("role", m.role()).put("content", m.content());
        }
        if (config.samplingParams() != null) {
            config.samplingParams().fields().forEachRemaining(e -> req.set(e.getKey(), e.getValue()));
        }
        return req.toString();
    }

    private void attempt(String body, int retry, CompletableFuture<String> result) {
        acquire(() -> send(body).whenComplete((resp, err) -> {
            release();
            Duration wait = null;
            Throwable failure = null;
            if (err != null) {
                Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                failure = cause instanceof HttpTimeoutException
                        ? new ChatException(0, "no reply within " + config.requestTimeout().toMillis() + " ms")
                        : new ChatException(0, "request failed: " + cause);
                // A timed-out request may still be running on the server: retrying it doubles the load
                // exactly when the server is slow, so only connection failures are retried.
                if (cause instanceof IOException && !(cause instanceof HttpTimeoutException)) {
                    wait = backoff(retry, null);
                }
            } else if (resp.statusCode() == 429 || resp.statusCode() >= 500) {
                failure = new ChatException(resp.statusCode(), "HTTP " + resp.statusCode() + ": " + excerpt(resp.body()));
                wait = backoff(retry, resp.headers().firstValue("Retry-After").orElse(null));
            } else if (resp.statusCode() / 100 != 2) {
                failure = new ChatException(resp.statusCode(), "HTTP " + resp.statusCode() + ": " + excerpt(resp.body()));
            } else {
                try {
                    result.complete(content(resp.body()));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
                return;
            }
            if (wait != null && retry < config.maxRetries()) {
                timer.schedule(() -> attempt(body, retry + 1, result), wait.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                result.completeExceptionally(retry > 0
                        ? new ChatException(((ChatException) failure).status(), failure.getMessage() + " (after " + (retry + 1) + " attempts)")
                        : failure);
            }
        }));
    }

    private CompletableFuture<HttpResponse<String>> send(String body) {
        HttpRequest.Builder req = HttpRequest.newBuilder(config.url())
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (config.apiKey() != null) {
            req.header("Authorization", "Bearer " + config.apiKey());
        }
        try {
            return http.sendAsync(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The delay before retry {@code retry + 1}: the server's Retry-After (seconds) if it sent one. */
    Duration backoff(int retry, String retryAfter) {
        if (retryAfter != null) {
            try {
                return Duration.ofSeconds(Math.min(Long.parseLong(retryAfter.trim()), MAX_BACKOFF.toSeconds()));
            } catch (NumberFormatException e) {
                // an HTTP date: fall through to our own schedule rather than parse clocks we do not share
            }
        }
        long ms = config.initialBackoff().toMillis() << Math.min(retry, 20);
        return Duration.ofMillis(Math.min(ms, MAX_BACKOFF.toMillis()));
    }

    /** Runs {@code start} when a concurrency slot is free and the rate limit allows. */
    private void acquire(Runnable start) {
        synchronized (waiting) {
            if (onWire >= config.maxConcurrency()) {
                waiting.add(start);
                return;
            }
            onWire++;
        }
        launch(start);
    }

    private void release() {
        Runnable next;
        synchronized (waiting) {
            next = waiting.poll();
            if (next == null) {
                onWire--;
                return;
            }
        }
        launch(next);
    }

    private void launch(Runnable start) {
        if (config.rateLimit() <= 0) {
            start.run();
            return;
        }
        long now = System.nanoTime();
        long at;
        synchronized (this) {
            at = Math.max(now, nextStartNanos);
            nextStartNanos = at + (long) (1e9 / config.rateLimit());
        }
        if (at <= now) {
            start.run();
        } else {
            timer.schedule(start, at - now, TimeUnit.NANOSECONDS);
        }
    }

    private String content(String body) {
        JsonNode node;
        try {
            node = Sample.JSON.readTree(body);
        } catch (IOException e) {
            throw new ChatException(200, "reply is not JSON: " + excerpt(body));
        }
        for (String p : path) {
            if (node == null) {
                break;
            }
            node = node.isArray() && p.matches("\\d+") ? node.get(Integer.parseInt(p)) : node.get(p);
        }
        if (node == null || !node.isTextual()) {
            throw new ChatException(200, "reply has no text at " + config.responsePath() + ": " + excerpt(body));
        }
        return node.asText();
    }

    private static String excerpt(String body) {
        String b = body == null ? "" : body.replaceAll("\\s+", " ");
        return b.length() > 200 ? b.substring(0, 200) + "..." : b;
    }

    /** Requests waiting for a concurrency slot (tests, metrics). */
    public int queued() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        synchronized (waiting) {
            waiting.clear();
        }
    }
}
