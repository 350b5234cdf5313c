package io.djflink.job;

import io.djflink.job.io.JsonLinesWriter;
import io.djflink.job.io.TraceBucketAssigner;
import io.djflink.recipe.RuntimeSettings;
import io.djflink.state.CountingOperators;
import io.djflink.state.CountsCollector;
import io.djflink.state.SampleRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The job's outputs: kept samples, tracer records and errors, each to files (exactly once,
 * committed on checkpoints) or to a Kafka topic (in transactions committed on checkpoints when
 * delivery is exactly-once), and the final counts to the collector.
 */
final class Sinks {

    /** Kafka's own transaction timeout cap is 15 minutes; the producer default of 1 minute is too short for slow checkpoints. */
    private static final String TRANSACTION_TIMEOUT_MS = "900000";

    private Sinks() {}

    static void attach(DataStream<SampleRecord> kept, JobSpec spec, JobBuilder.Outputs outs) {
        RuntimeSettings s = spec.settings();
        SingleOutputStreamOperator<String> jsonLines = kept
                .transform("to jsonl", Types.STRING, new CountingOperators.Process<>(
                        new JobBuilder.ToJsonLine(JobBuilder.exportDropped(spec)), Tags.COUNTS))
                .uid("to-jsonl");
        outs.counts.add(jsonLines.getSideOutput(Tags.COUNTS));
        union(outs.counts).process(new CountsCollector(), Types.VOID).name("counts").uid("counts")
                .setParallelism(1).setMaxParallelism(1)
                .sinkTo(new DiscardingSink<>()).name("counts: discard").uid("sink:counts").setParallelism(1);

        if (s.sink() == RuntimeSettings.Sink.KAFKA) {
            jsonLines.sinkTo(kafka(spec, s.str("kafka.output-topic", null), false, "export")).name("export: kafka").uid("sink:export");
        } else {
            boolean gzip = spec.gzipExport();
            jsonLines.sinkTo(files(spec, "export", gzip, false, gzip ? ".jsonl.gz" : ".jsonl")).name("export").uid("sink:export");
        }
        DataStream<String> errors = union(outs.errors);
        if (s.has("kafka.errors-topic")) {
            errors.sinkTo(kafka(spec, s.str("kafka.errors-topic", null), false, "errors")).name("errors: kafka").uid("sink:errors");
        } else {
            errors.sinkTo(files(spec, "errors", false, false, ".jsonl")).name("errors").uid("sink:errors");
        }
        List<DataStream<String>> traces = outs.traces.stream().filter(t -> t != null).toList();
        if (!traces.isEmpty() && spec.recipe().openTracer()) {
            if (s.has("kafka.trace-topic")) {
                union(traces).sinkTo(kafka(spec, s.str("kafka.trace-topic", null), true, "trace")).name("trace: kafka").uid("sink:trace");
            } else {
                union(traces).sinkTo(files(spec, "trace", false, true, ".jsonl")).name("trace").uid("sink:trace");
            }
        }
    }

    private static FileSink<String> files(JobSpec spec, String dir, boolean gzip, boolean trace, String suffix) {
        // A bounded run merges its committed parts into Data-Juicer's single files at the end; an
        // unbounded run never ends, so its parts (committed on checkpoints) are the output.
        java.nio.file.Path base = spec.settings().boundedSource() ? spec.staging().resolve(dir)
                : dir.equals("export") ? spec.exportPath() : spec.workDir().resolve(dir);
        var b = FileSink.forBulkFormat(new Path(base.toUri()), new JsonLinesWriter.Factory(gzip, trace))
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(suffix).build());
        if (trace) {
            return b.withBucketAssigner(new TraceBucketAssigner()).build();
        }
        return b.withBucketAssigner(new org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner<>()).build();
    }

    /**
     * A Kafka sink of JSON lines. Tracer records ({@code file\tjson}) are keyed by their tracer
     * file name, so one topic holds all of them and a consumer can tell them apart.
     */
    private static KafkaSink<String> kafka(JobSpec spec, String topic, boolean keyed, String what) {
        RuntimeSettings s = spec.settings();
        Properties props = new Properties();
        props.put("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
        props.putAll(s.withPrefix("kafka.properties."));
        String prefix = s.str("kafka.transactional-id-prefix", "djflink-" + spec.recipe().projectName());
        return KafkaSink.<String>builder()
                .setBootstrapServers(s.str("kafka.bootstrap-servers", null))
                .setKafkaProducerConfig(props)
                .setDeliveryGuarantee(switch (s.delivery()) {
                    case EXACTLY_ONCE -> DeliveryGuarantee.EXACTLY_ONCE;
                    case AT_LEAST_ONCE -> DeliveryGuarantee.AT_LEAST_ONCE;
                    case NONE -> DeliveryGuarantee.NONE;
                })
                .setTransactionalIdPrefix(prefix + "-" + what)
                .setRecordSerializer(new JsonLineRecords(topic, keyed))
                .build();
    }

    /** A JSON line as a Kafka record value, optionally keyed by the text before a tab. */
    static final class JsonLineRecords implements KafkaRecordSerializationSchema<String> {
        private final String topic;
        private final boolean keyed;

        JsonLineRecords(String topic, boolean keyed) {
            this.topic = topic;
            this.keyed = keyed;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(String line, KafkaSinkContext ctx, Long eventTime) {
            // Samples released at the end of a bounded input carry the final watermark's time,
            // which Kafka refuses; those (and samples without event time) get the append time.
            Long timestamp = eventTime == null || eventTime < 0 || eventTime == Long.MAX_VALUE ? null : eventTime;
            if (keyed) {
                int tab = line.indexOf('\t');
                return new ProducerRecord<>(topic, null, timestamp, line.substring(0, tab).getBytes(StandardCharsets.UTF_8),
                        line.substring(tab + 1).getBytes(StandardCharsets.UTF_8));
            }
            return new ProducerRecord<>(topic, null, timestamp, null, line.getBytes(StandardCharsets.UTF_8));
        }
    }

    static DataStream<String> union(List<DataStream<String>> streams) {
        DataStream<String> first = streams.get(0);
        if (streams.size() == 1) {
            return first;
        }
        @SuppressWarnings("unchecked")
        DataStream<String>[] rest = streams.subList(1, streams.size()).toArray(new DataStream[0]);
        return first.union(rest);
    }
}
