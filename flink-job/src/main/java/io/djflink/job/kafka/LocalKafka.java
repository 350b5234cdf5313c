package io.djflink.job.kafka;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka broker (KRaft: broker and controller in one process) started as a child
 * JVM from the jars the build copies to {@code kafka-broker/target/lib}. For {@code kafka-demo}
 * and {@code bench-kafka}: the job jar carries no broker, and the broker's memory and threads
 * stay out of the job's JVM, as they would in production.
 */
public final class LocalKafka implements AutoCloseable {

    private final Process process;
    private final String bootstrap;
    private final Path dir;

    private LocalKafka(Process process, String bootstrap, Path dir) {
        this.process = process;
        this.bootstrap = bootstrap;
        this.dir = dir;
    }

    /** Where the broker jars are: {@code -Ddjflink.kafka.lib}, else {@code <djflink.home>/kafka-broker/target/lib}. */
    public static Path libDir() {
        String lib = System.getProperty("djflink.kafka.lib");
        if (lib != null) {
            return Path.of(lib);
        }
        Path home = Path.of(System.getProperty("djflink.home", System.getProperty("user.dir")));
        for (Path p = home.toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("kafka-broker/target/lib");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return home.resolve("kafka-broker/target/lib");
    }

    /** Starts a broker with its data under {@code dir}; returns when it accepts clients. */
    public static LocalKafka start(Path dir, Duration timeout) throws IOException, InterruptedException {
        Path lib = libDir();
        if (!Files.isDirectory(lib)) {
            throw new IOException("no Kafka broker jars at " + lib + "; build them with: mvn -B -q package -DskipTests");
        }
        Files.createDirectories(dir);
        int port = freePort();
        int controller = freePort();
        Path props = dir.resolve("server.properties");
        Files.writeString(props, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controller,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=2",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                ""));
        Path log4j = dir.resolve("log4j2.properties");
        Files.writeString(log4j, String.join("\n",
                "rootLogger.level = WARN",
                "rootLogger.appenderRef.file.ref = file",
                "appender.file.type = File",
                "appender.file.name = file",
                "appender.file.fileName = " + dir.resolve("broker.log"),
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = %d{HH:mm:ss} %-5level %c{1} - %msg%n",
                ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = lib.resolve("*").toString();
        Path out = dir.resolve("broker.out");
        run(List.of(java, "-cp", cp, "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", props.toString(), "--standalone"), out, Duration.ofSeconds(60));
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", cp,
                "-Dlog4j2.configurationFile=" + log4j, "kafka.Kafka", props.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
        LocalKafka kafka = new LocalKafka(p, "127.0.0.1:" + port, dir);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!kafka.accepting(port)) {
            if (!p.isAlive()) {
                throw new IOException("the Kafka broker exited with status " + p.exitValue() + "; see " + out);
            }
            if (System.nanoTime() > deadline) {
                kafka.close();
                throw new IOException("the Kafka broker did not start within " + timeout + "; see " + out);
            }
            Thread.sleep(200);
        }
        return kafka;
    }

    private boolean accepting(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        } catch (IOException e) {
            return false;
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap, "request.timeout.ms", "2000",
                "default.api.timeout.ms", "3000"))) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static void run(List<String> cmd, Path out, Duration timeout) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("'" + String.join(" ", cmd.subList(3, cmd.size())) + "' failed; see " + out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public String bootstrap() {
        return bootstrap;
    }

    /** Where the broker keeps its data and logs. */
    public Path dir() {
        return dir;
    }

    /** Creates topics (idempotent for the demo: existing ones are kept). */
    public void createTopics(int partitions, String... names) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            var existing = admin.listTopics().names().get();
            List<NewTopic> topics = new ArrayList<>();
            for (String n : names) {
                if (!existing.contains(n)) {
                    topics.add(new NewTopic(n, partitions, (short) 1));
                }
            }
            admin.createTopics(topics).all().get();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
