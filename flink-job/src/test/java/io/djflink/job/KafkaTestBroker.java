package io.djflink.job;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node Kafka cluster (KRaft, broker and controller in one node) in this JVM, with
 * the small helpers the tests need: topics, a producer with explicit partitions and timestamps,
 * and a read_committed reader.
 */
final class KafkaTestBroker implements BeforeAllCallback, AfterAllCallback {

    private KafkaClusterTestKit kit;

    /** Starts the broker before the test class's tests; register as a static {@code @RegisterExtension}. */
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
    }

    String bootstrap() {
        return kit.bootstrapServers();
    }

    void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
    }

    /** One record to send: partition, timestamp, value. */
    record Out(int partition, long timestamp, byte[] value) {
        static Out text(int partition, long timestamp, String value) {
            return new Out(partition, timestamp, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    void produce(String topic, List<Out> records) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap());
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        p.put("linger.ms", "5");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (Out r : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, r.partition(), r.timestamp(), null, r.value())));
            }
            producer.flush();
            for (java.util.concurrent.Future<?> f : sent) {
                f.get(); // a record the broker refused fails the test here, not as a missing sample later
            }
        }
    }

    /** Every committed record of a topic, read with read_committed until {@code quiet} passes without new ones. */
    List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, Duration quiet) {
        return read(topic, quiet, "read_committed");
    }

    List<ConsumerRecord<byte[], byte[]>> read(String topic, Duration quiet, String isolation) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap());
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        p.put("isolation.level", isolation);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long lastNew = System.currentTimeMillis();
            while (System.currentTimeMillis() - lastNew < quiet.toMillis()) {
                var batch = c.poll(Duration.ofMillis(200));
                if (!batch.isEmpty()) {
                    batch.forEach(out::add);
                    lastNew = System.currentTimeMillis();
                }
            }
        }
        return out;
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        kit.close();
    }
}
