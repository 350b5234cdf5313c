package io.djflink.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.job.JobBuilder;
import io.djflink.job.RecipeJob;
import io.djflink.recipe.RecipeLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code run} options that reach the run's own embedded cluster: {@code --web-ui} serves
 * Flink's dashboard while the job runs, {@code -D} passes Flink settings such as a metric
 * reporter. No test cluster here on purpose: only a run that starts its own MiniCluster has one
 * to configure.
 */
class LocalClusterOptionsTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream oldOut;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
    }

    @Test
    void runServesTheOverviewWhileAnotherRunWithoutTheUiRunsBesideIt() throws Exception {
        int port = freePort();
        ExecutorService runs = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> withUi = runs.submit(() -> Main.execute("run", "--web-ui", String.valueOf(port), demo(),
                    "--dataset-path", demoInput(), "--export-path", tmp.resolve("ui/demo.jsonl").toString(), "--no-progress"));
            Future<Integer> without = runs.submit(() -> Main.execute("run", demo(),
                    "--dataset-path", demoInput(), "--export-path", tmp.resolve("plain/demo.jsonl").toString(), "--no-progress"));

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpRequest overview = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/overview"))
                    .timeout(Duration.ofSeconds(2)).build();
            String body = null;
            while (body == null && !withUi.isDone()) {
                try {
                    HttpResponse<String> res = http.send(overview, HttpResponse.BodyHandlers.ofString());
                    body = res.statusCode() == 200 ? res.body() : null;
                } catch (java.io.IOException notYetListening) {
                    Thread.sleep(25);
                }
            }

            assertThat(withUi.get(2, TimeUnit.MINUTES)).as(out.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(without.get(2, TimeUnit.MINUTES)).as(out.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(body).as("GET /overview answered while the job ran").isNotNull()
                    .contains("\"flink-version\":\"2.2.0\"").contains("\"taskmanagers\":1");
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("web UI: http://localhost:" + port + "\n");
            assertThat(Files.readAllLines(tmp.resolve("ui/demo.jsonl"))).hasSameSizeAs(Files.readAllLines(tmp.resolve("plain/demo.jsonl")));
        } finally {
            runs.shutdownNow();
        }
    }

    @Test
    void withoutTheOptionTheRunLeavesTheRestPortToFlinksRandomChoice() {
        RecipeJob.Options opts = RecipeJob.Options.defaults();
        Configuration conf = JobBuilder.configuration(RecipeJob.prepare(RecipeLoader.load(Path.of(demo()))
                .with("dataset_path", demoInput()).with("export_path", tmp.resolve("o.jsonl").toString()), opts));

        assertThat(opts.flinkConf()).isEmpty();
        // The per-job MiniCluster binds to port 0 when neither key is set, so parallel runs never clash.
        assertThat(conf.contains(RestOptions.BIND_PORT)).isFalse();
        assertThat(conf.contains(RestOptions.PORT)).isFalse();
    }

    @Test
    void aPortInUseIsRefusedBeforeTheJobStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int code = Main.execute("run", demo(), "--web-ui=" + taken.getLocalPort(), "--dataset-path", demoInput(),
                    "--export-path", tmp.resolve("x/demo.jsonl").toString());
            assertThat(code).isEqualTo(2);
            assertThat(tmp.resolve("x/demo.jsonl")).doesNotExist();
        }
    }

    @Test
    void flinkSettingsReachTheEmbeddedClusterSoAReporterSeesTheOpMetrics() {
        FinalCountsReporter.COUNTS.clear();
        int code = Main.execute("run", demo(), "--dataset-path", demoInput(),
                "--export-path", tmp.resolve("rep/demo.jsonl").toString(), "--no-progress",
                "-Dmetrics.reporter.final.factory.class=" + FinalCountsReporter.Factory.class.getName());

        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
        long filtered = FinalCountsReporter.COUNTS.stream()
                .filter(c -> c.name().equals("filtered") && "06-text_length_filter".equals(c.variables().get("<op>")))
                .mapToLong(FinalCountsReporter.Count::value).sum();
        assertThat(filtered).as("text_length_filter's filtered, summed over subtasks").isEqualTo(2);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String demo() {
        return locate("recipes/demo.yaml");
    }

    private static String demoInput() {
        return locate("recipes/data/demo.jsonl");
    }

    private static String locate(String rel) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(rel))) {
                return dir.resolve(rel).toString();
            }
        }
        throw new IllegalStateException(rel + " not found above " + Path.of("").toAbsolutePath());
    }
}
