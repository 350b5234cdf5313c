package io.djflink.job.io;

import io.djflink.run.Origins;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Kafka records as undecoded {@link RawLine}s: the value's bytes, the partition as the source
 * number ({@link Origins#kafkaSource}) and the offset as the position, so a malformed value reaches
 * the error output with its topic, partition and offset. The record's timestamp travels as the
 * Flink event time.
 */
public final class KafkaRawRecords implements KafkaRecordDeserializationSchema<RawLine> {

    private static final byte[] EMPTY = new byte[0];

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawLine> out) {
        byte[] value = record.value() == null ? EMPTY : record.value();
        out.collect(new RawLine(Origins.kafkaSource(record.topic(), record.partition()), record.offset(), value, value.length, 0));
    }

    @Override
    public TypeInformation<RawLine> getProducedType() {
        return new JsonLinesFormat(java.util.List.of(), 0).getProducedType();
    }
}
