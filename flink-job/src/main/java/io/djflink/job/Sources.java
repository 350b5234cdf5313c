package io.djflink.job;

import io.djflink.job.io.BacklogAwareSource;
import io.djflink.job.io.InputOrderSplitAssigner;
import io.djflink.job.io.JsonLinesFormat;
import io.djflink.job.io.KafkaRawRecords;
import io.djflink.job.io.LineSplitEnumerator;
import io.djflink.job.io.RawLine;
import io.djflink.media.MediaPaths;
import io.djflink.recipe.DatasetFiles;
import io.djflink.recipe.RuntimeSettings;
import io.djflink.state.CountingOperators;
import io.djflink.state.SampleRecord;
import io.djflink.state.SampleRecordSerializer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The job's input: raw records from files or Kafka, parsed into samples. Malformed records go
 * to the error output here; in streaming mode records carry event time and watermarks.
 */
final class Sources {

    private Sources() {}

    static DataStream<SampleRecord> samples(StreamExecutionEnvironment env, JobSpec spec, JobBuilder.Outputs outs) {
        RuntimeSettings s = spec.settings();
        DataStream<RawLine> raw = switch (s.source()) {
            case KAFKA -> kafka(env, spec);
            case FILES -> files(env, spec);
            case FILES_CONTINUOUS -> monitored(env, spec);
        };
        boolean suffix = spec.ops().stream().anyMatch(o -> o.name().equals("suffix_filter"));
        MediaPaths media = switch (s.source()) {
            case KAFKA -> null;
            case FILES -> new MediaPaths(spec.recipe().mediaKeys(), DatasetFiles.datasetDirs(spec.recipe()));
            case FILES_CONTINUOUS -> new MediaPaths(spec.recipe().mediaKeys(), watchedDirs(spec));
        };
        ParseFunction parse = s.source() == RuntimeSettings.Source.FILES
                ? ParseFunction.files(spec.inputUris(), spec.runId(), suffix, media)
                : new ParseFunction(spec.origins(), spec.runId(), suffix ? List.of() : null, media, null);
        SingleOutputStreamOperator<SampleRecord> parsed = raw
                .transform("parse", SampleRecordSerializer.TYPE, new CountingOperators.Process<>(parse, Tags.COUNTS))
                .name("parse").uid("parse");
        outs.errors.add(parsed.getSideOutput(Tags.ERRORS));
        outs.counts.add(parsed.getSideOutput(Tags.COUNTS));
        String field = s.str("event-time.field", null);
        if (spec.streaming() && field != null && s.source() != RuntimeSettings.Source.KAFKA) {
            return parsed.assignTimestampsAndWatermarks(watermarks(s, (SampleRecord r, long ts) -> eventTime(r, field)))
                    .name("event time").uid("event-time");
        }
        if (spec.streaming() && s.source() == RuntimeSettings.Source.FILES) {
            // Fixed files without an event-time field: every sample is at time 0, so dedup decides
            // in (file, line) order when the input ends, whatever the arrival interleaving.
            return parsed.assignTimestampsAndWatermarks(
                            WatermarkStrategy.<SampleRecord>noWatermarks().withTimestampAssigner((r, ts) -> 0L))
                    .name("event time 0").uid("event-time");
        }
        return parsed;
    }

    private static long eventTime(SampleRecord r, String field) {
        com.fasterxml.jackson.databind.JsonNode v = r.sample().get(field);
        return v != null && v.canConvertToLong() ? v.asLong() : 0L;
    }

    private static <T> WatermarkStrategy<T> watermarks(RuntimeSettings s,
            org.apache.flink.api.common.eventtime.SerializableTimestampAssigner<T> assigner) {
        WatermarkStrategy<T> w = WatermarkStrategy.<T>forBoundedOutOfOrderness(s.duration("watermark.out-of-orderness", Duration.ZERO))
                .withIdleness(s.duration("watermark.idle-timeout", Duration.ofSeconds(30)));
        return assigner == null ? w : w.withTimestampAssigner(assigner);
    }

    private static DataStream<RawLine> files(StreamExecutionEnvironment env, JobSpec spec) {
        List<String> files = spec.inputUris();
        FileSource.FileSourceBuilder<RawLine> b = FileSource.forBulkFileFormat(
                new JsonLinesFormat(files, spec.maxLineBytes()),
                files.stream().map(Path::new).toArray(Path[]::new));
        if (spec.streaming()) {
            // event time: a reader moving on to a file listed earlier would find its samples late
            b.setSplitAssigner(InputOrderSplitAssigner.forFiles(files));
        } else {
            // bounded: a large file is read by all readers; the order does not depend on who reads what
            b.setFileEnumerator(LineSplitEnumerator.provider((long) spec.settings().integer("files.split-mb", 0) << 20));
        }
        FileSource<RawLine> source = b.build();
        return env.fromSource(new BacklogAwareSource<>(source, !spec.streaming()), WatermarkStrategy.noWatermarks(), "read jsonl",
                source.getProducedType()).uid("source:files");
    }

    /**
     * New files in the dataset directory as they appear. Without {@code event-time.field}, a
     * file's modification time is its lines' event time (ties broken by path hash, then line).
     */
    private static DataStream<RawLine> monitored(StreamExecutionEnvironment env, JobSpec spec) {
        RuntimeSettings s = spec.settings();
        List<java.nio.file.Path> dirs = watchedDirs(spec);
        FileSource<RawLine> source = FileSource.forBulkFileFormat(JsonLinesFormat.discovered(spec.maxLineBytes()),
                        dirs.stream().map(d -> new Path(d.toUri())).toArray(Path[]::new))
                .monitorContinuously(s.duration("files.monitor-interval", Duration.ofSeconds(10)))
                .build();
        WatermarkStrategy<RawLine> w = spec.streaming() && !s.has("event-time.field")
                ? watermarks(s, (RawLine r, long ts) -> r.time)
                : WatermarkStrategy.noWatermarks();
        return env.fromSource(source, w, "watch " + String.join(" ", spec.recipe().datasetPath().trim().split("\\s+")),
                        source.getProducedType())
                .uid("source:files-continuous");
    }

    /** The directories a continuous file source watches: dataset_path's entries. */
    private static List<java.nio.file.Path> watchedDirs(JobSpec spec) {
        return java.util.Arrays.stream(spec.recipe().datasetPath().trim().split("\\s+"))
                .map(d -> java.nio.file.Path.of(d).toAbsolutePath())
                .toList();
    }

    private static DataStream<RawLine> kafka(StreamExecutionEnvironment env, JobSpec spec) {
        RuntimeSettings s = spec.settings();
        KafkaSourceBuilder<RawLine> b = KafkaSource.<RawLine>builder()
                .setBootstrapServers(s.str("kafka.bootstrap-servers", null))
                .setGroupId(s.str("kafka.group-id", "djflink-" + spec.recipe().projectName()))
                .setStartingOffsets(offsets(s.str("kafka.starting-offsets", "committed")))
                .setDeserializer(new KafkaRawRecords());
        if (s.has("kafka.topic-pattern")) {
            b.setTopicPattern(Pattern.compile(s.str("kafka.topic-pattern", null)));
        } else {
            b.setTopics(s.list("kafka.topics"));
        }
        String stop = s.str("kafka.stopping-offsets", "none").toLowerCase(Locale.ROOT);
        if (!stop.equals("none")) {
            b.setBounded(offsets(stop));
        }
        Properties props = new Properties();
        props.putAll(s.withPrefix("kafka.properties."));
        b.setProperties(props);
        KafkaSource<RawLine> source = b.build();
        // Kafka record timestamps are the event time; batch mode orders by offsets instead.
        WatermarkStrategy<RawLine> w = spec.streaming() ? watermarks(s, null) : WatermarkStrategy.noWatermarks();
        return env.fromSource(source, w, "read kafka").uid("source:kafka");
    }

    /** A starting or stopping position as the recipe writes it. */
    static OffsetsInitializer offsets(String spec) {
        String t = spec.toLowerCase(Locale.ROOT);
        if (t.startsWith("timestamp:")) {
            return OffsetsInitializer.timestamp(Long.parseLong(t.substring("timestamp:".length())));
        }
        return switch (t) {
            case "earliest" -> OffsetsInitializer.earliest();
            case "latest" -> OffsetsInitializer.latest();
            case "committed" -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            default -> throw new IllegalArgumentException("offsets '" + spec + "': earliest, latest, committed or timestamp:<ms>");
        };
    }
}
