package io.djflink.ops.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.ops.llm.ChatTestServer.Reply;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChatClientTest {

    private static final List<ChatClient.Message> HELLO = List.of(new ChatClient.Message("user", "hello"));

    private static ChatClient client(ChatTestServer s, String key, Duration timeout, int retries, int concurrency, double rate) {
        return new ChatClient(new ChatClient.Config(URI.create(s.url()), "test-model", key, timeout, retries,
                Duration.ofMillis(10), concurrency, rate, ApiOp.DEFAULT_RESPONSE_PATH, null));
    }

    private static ChatClient client(ChatTestServer s) {
        return client(s, null, Duration.ofSeconds(5), 3, 8, 0);
    }

    private static String get(CompletableFuture<String> f) throws Exception {
        try {
            return f.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void sendsTheChatShapeAndReadsTheReplyText() throws Exception {
        try (ChatTestServer s = new ChatTestServer(r -> Reply.content("echo: " + r.user()));
                ChatClient c = client(s, "sk-from-file", Duration.ofSeconds(5), 0, 4, 0)) {
            assertThat(get(c.chat(HELLO))).isEqualTo("echo: hello");
            assertThat(s.requests.get(0).path("model").asText()).isEqualTo("test-model");
            assertThat(s.requests.get(0).path("messages").get(0).path("role").asText()).isEqualTo("user");
            assertThat(s.authorizations).containsExactly("Bearer sk-from-file");
        }
    }

    @Test
    void a429IsRetriedAfterTheServersRetryAfter() throws Exception {
        try (ChatTestServer s = new ChatTestServer(r -> r.n() == 1
                        ? Reply.status(429, "{\"error\":\"slow down\"}").header("Retry-After", "1") : Reply.content("ok"));
                ChatClient c = client(s)) {
            long t0 = System.nanoTime();
            assertThat(get(c.chat(HELLO))).isEqualTo("ok");
            assertThat(s.count()).isEqualTo(2);
            assertThat(s.arrivals.get(1) - s.arrivals.get(0)).as("Retry-After: 1 s was honoured, not the 10 ms backoff")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(950).toNanos());
            assertThat(System.nanoTime() - t0).isLessThan(Duration.ofSeconds(5).toNanos());
        }
    }

    @Test
    void fiveHundredsAreRetriedWithGrowingBackoffThenGiveUpWithTheStatus() throws Exception {
        try (ChatTestServer s = new ChatTestServer(r -> Reply.status(503, "overloaded"));
                ChatClient c = client(s)) {
            assertThatThrownBy(() -> get(c.chat(HELLO))).isInstanceOf(ChatClient.ChatException.class)
                    .hasMessageContaining("HTTP 503").hasMessageContaining("overloaded").hasMessageContaining("after 4 attempts");
            assertThat(s.count()).isEqualTo(4);
            long gap1 = s.arrivals.get(1) - s.arrivals.get(0);
            long gap3 = s.arrivals.get(3) - s.arrivals.get(2);
            assertThat(gap3).as("the third backoff (40 ms) is longer than the first (10 ms)").isGreaterThan(gap1);
        }
    }

    @Test
    void aFiveHundredThenSuccessSucceeds() throws Exception {
        try (ChatTestServer s = new ChatTestServer(r -> r.n() <= 2 ? Reply.status(500, "boom") : Reply.content("fine"));
                ChatClient c = client(s)) {
            assertThat(get(c.chat(HELLO))).isEqualTo("fine");
            assertThat(s.count()).isEqualTo(3);
        }
    }

    @Test
    void aClientErrorIsNotRetried() throws Exception {
        try (ChatTestServer s = new ChatTestServer(r -> Reply.status(400, "{\"error\":\"bad model\"}"));
                ChatClient c = client(s)) {
            assertThatThrownBy(() -> get(c.chat(HELLO))).hasMessageContaining("HTTP 400").hasMessageContaining("bad model");
            assertThat(s.count()).isEqualTo(1);
        }
    }

    @Test
    void malformedJsonAndAMissingResponsePathAreErrorsNamingTheProblem() throws Exception {
        try (ChatTestServer s = new ChatTestServer(r -> r.n() == 1 ? Reply.status(200, "{\"choices\": [") : Reply.status(200, "{\"choices\": []}"));
                ChatClient c = client(s)) {
            assertThatThrownBy(() -> get(c.chat(HELLO))).hasMessageContaining("not JSON");
            assertThatThrownBy(() -> get(c.chat(HELLO))).hasMessageContaining("no text at choices.0.message.content");
        }
    }

    @Test
    void aSlowReplyTimesOut() throws Exception {
        try (ChatTestServer s = new ChatTestServer(r -> Reply.content("late").after(2000));
                ChatClient c = client(s, null, Duration.ofMillis(200), 3, 4, 0)) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> get(c.chat(HELLO))).hasMessageContaining("no reply within 200 ms");
            assertThat(s.count()).as("a timed-out request is not sent again").isEqualTo(1);
            assertThat(System.nanoTime() - t0).isLessThan(Duration.ofMillis(1500).toNanos());
        }
    }

    @Test
    void theConcurrencyCapHoldsAndRequestsOverlapUpToIt() throws Exception {
        try (ChatTestServer s = new ChatTestServer(r -> Reply.content("ok").after(100));
                ChatClient c = client(s, null, Duration.ofSeconds(5), 0, 4, 0)) {
            List<CompletableFuture<String>> fs = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                fs.add(c.chat(HELLO));
            }
            for (CompletableFuture<String> f : fs) {
                assertThat(get(f)).isEqualTo("ok");
            }
            assertThat(s.maxOpen()).isEqualTo(4);
        }
    }

    @Test
    void theRateLimitSpacesRequestStarts() throws Exception {
        try (ChatTestServer s = new ChatTestServer(r -> Reply.content("ok"));
                ChatClient c = client(s, null, Duration.ofSeconds(5), 0, 8, 20)) {
            long t0 = System.nanoTime();
            List<CompletableFuture<String>> fs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                fs.add(c.chat(HELLO));
            }
            for (CompletableFuture<String> f : fs) {
                get(f);
            }
            // the sixth start waits five intervals of 50 ms; unlimited, six local replies take a few ms
            assertThat(System.nanoTime() - t0).as("6 starts at 20/s").isGreaterThanOrEqualTo(Duration.ofMillis(250).toNanos());
            assertThat(s.count()).isEqualTo(6);
        }
    }
}
