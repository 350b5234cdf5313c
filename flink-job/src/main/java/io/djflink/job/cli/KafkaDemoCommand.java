package io.djflink.job.cli;

import io.djflink.job.JobSpec;
import io.djflink.job.RecipeJob;
import io.djflink.job.WebUi;
import io.djflink.job.kafka.LocalKafka;
import io.djflink.ops.Sample;
import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code djflink kafka-demo}: streaming cleaning in one command. Starts a local Kafka broker,
 * feeds it the demo samples (with repeats and a malformed record now and then), runs the demo
 * recipe on the stream with exactly-once Kafka output and the Flink web UI, and prints what
 * comes out of the clean, trace and dead-letter topics as it happens.
 */
@Command(name = "kafka-demo", mixinStandardHelpOptions = true,
        description = "Start a local Kafka broker, stream the demo samples into it and clean them with the demo recipe, live.")
final class KafkaDemoCommand implements Callable<Integer> {

    static final String RAW = "djflink-demo-raw";
    static final String CLEAN = "djflink-demo-clean";
    static final String TRACE = "djflink-demo-trace";
    static final String ERRORS = "djflink-demo-errors";

    @Option(names = "--seconds", defaultValue = "0", description = "stop after this many seconds (default: run until Ctrl-C)")
    long seconds;

    @Option(names = "--rate", defaultValue = "5", description = "samples produced per second (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--web-ui-port", defaultValue = "8081", description = "port of the Flink web UI (default: ${DEFAULT-VALUE}); 0 turns it off")
    int webUiPort;

    @Option(names = "--work-dir", defaultValue = "outputs/kafka-demo", description = "broker data, checkpoints (default: ${DEFAULT-VALUE})")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        if (webUiPort > 0) {
            WebUi.requireFree(webUiPort);
        }
        List<String> samples = demoSamples();
        System.out.println("kafka-demo: starting a local Kafka broker ...");
        try (LocalKafka kafka = LocalKafka.start(workDir.toAbsolutePath().resolve("broker"), Duration.ofSeconds(90))) {
            kafka.createTopics(2, RAW, CLEAN, TRACE, ERRORS);
            System.out.println("kafka-demo: broker at " + kafka.bootstrap() + "; topics " + RAW + " -> " + CLEAN
                    + " (trace: " + TRACE + ", dead letters: " + ERRORS + ")");
            Recipe recipe = demoRecipe(kafka.bootstrap());
            RecipeJob.Options opts = new RecipeJob.Options(Duration.ofSeconds(2), 256L << 20, false, false);
            JobSpec spec = RecipeJob.prepare(recipe, opts);
            System.out.println("plan: " + spec.plan().describe());
            JobClient job = RecipeJob.submit(spec, webUiPort > 0 ? WebUi.settings(webUiPort) : Map.of());
            if (webUiPort > 0) {
                System.out.println("kafka-demo: Flink web UI at " + WebUi.url(webUiPort));
            }
            AtomicBoolean stop = new AtomicBoolean();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop.set(true)));
            Map<String, AtomicLong> seen = new LinkedHashMap<>();
            Thread producer = new Thread(() -> produce(kafka.bootstrap(), samples, stop), "demo-producer");
            Thread consumer = new Thread(() -> consume(kafka.bootstrap(), stop, seen), "demo-consumer");
            producer.start();
            consumer.start();
            long end = seconds > 0 ? System.currentTimeMillis() + seconds * 1000 : Long.MAX_VALUE;
            while (!stop.get() && System.currentTimeMillis() < end && !job.getJobStatus().get().isGloballyTerminalState()) {
                Thread.sleep(200);
            }
            stop.set(true);
            producer.join();
            consumer.join();
            job.cancel().get();
            System.out.println("kafka-demo: stopped; " + seen.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue().get()).reduce((a, b) -> a + ", " + b).orElse("nothing read"));
            return seen.containsKey("kept") ? 0 : 1;
        }
    }

    private Recipe demoRecipe(String bootstrap) throws IOException {
        Recipe r = RecipeLoader.parse("recipes/demo.yaml", BenchCommand.shipped("recipes/demo.yaml"));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("mode", "streaming");
        s.put("source", "kafka");
        s.put("sink", "kafka");
        s.put("kafka.bootstrap-servers", bootstrap);
        s.put("kafka.topics", RAW);
        s.put("kafka.group-id", "djflink-demo");
        s.put("kafka.starting-offsets", "earliest");
        s.put("kafka.output-topic", CLEAN);
        s.put("kafka.trace-topic", TRACE);
        s.put("kafka.errors-topic", ERRORS);
        s.put("kafka.delivery", "exactly-once");
        // An idle partition must not hold back event time for long in a slow demo stream.
        s.put("watermark.idle-timeout", "2s");
        s.put("checkpoint.dir", workDir.toAbsolutePath().resolve("checkpoints").toUri().toString());
        return r.with("djflink", s).with("work_dir", workDir.toAbsolutePath().toString()).with("trace_num", 1000L);
    }

    /** Sends the demo samples in a loop: each round renumbers them, resends some as exact copies, and adds a malformed record. */
    private void produce(String bootstrap, List<String> samples, AtomicBoolean stop) {
        Properties p = clientProps(bootstrap);
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        Random rnd = new Random(42);
        List<String> sent = new ArrayList<>();
        long pause = Math.max(1, 1000 / Math.max(1, rate));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (int round = 0; !stop.get(); round++) {
                for (int i = 0; i < samples.size() && !stop.get(); i++) {
                    String value;
                    int dice = rnd.nextInt(10);
                    if (dice == 0 && !sent.isEmpty()) {
                        value = sent.get(rnd.nextInt(sent.size()));
                    } else if (dice == 1 && i % 7 == 0) {
                        value = "{\"id\": \"broken-" + round + "-" + i + "\", \"text\": ";
                    } else {
                        Sample s = Sample.parse(samples.get(i));
                        s.root().put("id", s.root().path("id").asText() + "-r" + round);
                        if (round > 0) {
                            // later rounds are new documents: the same text with the round appended
                            s.root().put("text", s.root().path("text").asText() + " (round " + round + ")");
                        }
                        value = s.toJson();
                        sent.add(value);
                    }
                    producer.send(new ProducerRecord<>(RAW, null, System.currentTimeMillis(), null, value.getBytes(StandardCharsets.UTF_8)));
                    Thread.sleep(pause);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void consume(String bootstrap, AtomicBoolean stop, Map<String, AtomicLong> seen) {
        Properties p = clientProps(bootstrap);
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        p.put("isolation.level", "read_committed");
        p.put("group.id", "djflink-demo-viewer");
        p.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of(CLEAN, TRACE, ERRORS));
            while (!stop.get()) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(300))) {
                    String value = new String(r.value(), StandardCharsets.UTF_8);
                    String what = switch (r.topic()) {
                        case CLEAN -> "kept";
                        case ERRORS -> "error";
                        default -> new String(r.key(), StandardCharsets.UTF_8);
                    };
                    seen.computeIfAbsent(what.startsWith("mapper-") ? "edited" : what, k -> new AtomicLong()).incrementAndGet();
                    System.out.printf("%-40s %s%n", what, head(value));
                }
            }
        }
    }

    private static Properties clientProps(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        return p;
    }

    private static String head(String json) {
        String one = json.replace('\n', ' ');
        return one.length() > 110 ? one.substring(0, 107) + "..." : one;
    }

    private static List<String> demoSamples() throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = KafkaDemoCommand.class.getClassLoader().getResourceAsStream("recipes/data/demo.jsonl");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    out.add(line);
                }
            }
        }
        return out;
    }
}
