package io.djflink.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Where a record came from, for error and trace records. A record carries only a source number
 * and a position (a file index and line, or a Kafka partition code and offset); this turns those
 * back into the coordinates a user looks up.
 */
public interface Origins extends Serializable {

    /** Adds the record's coordinates to {@code n}. */
    void locate(ObjectNode n, int source, long position);

    /** Files by index: {@code file} and 1-based {@code line}. */
    static Origins files(List<String> files) {
        List<String> copy = List.copyOf(files);
        return (n, source, position) -> {
            n.put("file", source >= 0 && source < copy.size() ? copy.get(source) : "source " + source);
            n.put("line", position);
        };
    }

    /**
     * Kafka partitions: {@code topic}, {@code partition}, {@code offset}.
     *
     * @param topics the topics whose codes are known, by {@link #kafkaSource} code
     */
    static Origins kafka(Map<Integer, String> topics) {
        Map<Integer, String> copy = Map.copyOf(topics);
        return (n, source, position) -> {
            String topic = copy.get(source >>> PARTITION_BITS);
            n.put("topic", topic != null ? topic : "topic #" + (source >>> PARTITION_BITS));
            n.put("partition", source & ((1 << PARTITION_BITS) - 1));
            n.put("offset", position);
        };
    }

    /** Bits of a Kafka source number that hold the partition. */
    int PARTITION_BITS = 12;

    /** Bits that hold the topic code; source numbers stay below 2^23 so the ingestion order fits a long. */
    int TOPIC_BITS = 11;

    /** The topic's code: a function of its name, so it is the same in every run and after a restore. */
    static int topicCode(String topic) {
        return Math.floorMod(topic.hashCode(), 1 << TOPIC_BITS);
    }

    /**
     * The source number of a Kafka partition. Offsets are the positions; two topics whose names
     * share a code only tie-break against each other by partition.
     */
    static int kafkaSource(String topic, int partition) {
        if (partition >= 1 << PARTITION_BITS) {
            throw new IllegalArgumentException("partition " + partition + " of " + topic + " exceeds " + ((1 << PARTITION_BITS) - 1));
        }
        return (topicCode(topic) << PARTITION_BITS) | partition;
    }
}
