package io.djflink.job;

import io.djflink.job.io.RawLine;
import io.djflink.media.MediaPaths;
import io.djflink.ops.Sample;
import io.djflink.run.Origins;
import io.djflink.run.TraceRecords;
import io.djflink.run.Utf8;
import io.djflink.recipe.DatasetFiles;
import io.djflink.state.DurableCounters;
import io.djflink.state.FinalCounts;
import io.djflink.state.JobCounters;
import io.djflink.state.OpMetrics;
import io.djflink.state.SampleRecord;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes raw records (file lines or Kafka values) into samples. A record that is not strict
 * UTF-8, not JSON, not an object, or too long goes to the error output with its raw bytes, where
 * it came from (file and line, or topic, partition and offset) and the reason; nothing is dropped
 * silently. Relative media paths of a sample read from a file become absolute against its
 * dataset directory ({@link MediaPaths}), as Data-Juicer's loader makes them.
 */
public final class ParseFunction extends ProcessFunction<RawLine, SampleRecord> implements CheckpointedFunction, FinalCounts {

    private final Origins origins;
    private final String runId;
    /** {@code __dj__suffix__} per input file, or null when no op reads it. */
    private final List<String> suffixes;
    private final MediaPaths mediaPaths;
    private final List<String> files;

    private static final int READ = 0;
    private static final int MALFORMED = 1;
    private static final int BYTES = 2;

    private transient DurableCounters counters;
    private transient LocalProgress progress;
    /** The dataset directory of each file seen (null when none holds it). */
    private transient Map<String, String> datasetDirs;

    /**
     * @param files the input files (URIs) by source number
     * @param addSuffix whether each sample gets {@code __dj__suffix__} = its file's suffix
     *     (Data-Juicer adds it when suffix_filter is in the recipe)
     * @param mediaPaths how relative media paths become absolute, or null to leave them
     */
    public static ParseFunction files(List<String> files, String runId, boolean addSuffix, MediaPaths mediaPaths) {
        List<String> paths = files.stream().map(f -> Path.of(URI.create(f)).toString()).toList();
        return new ParseFunction(Origins.files(files), runId, addSuffix
                ? paths.stream().map(f -> DatasetFiles.suffixOf(Path.of(f))).toList()
                : null, mediaPaths, paths);
    }

    /**
     * @param suffixes {@code __dj__suffix__} by source number, or null when no op reads it (a
     *     source past the list's end gets an empty suffix)
     * @param mediaPaths how relative media paths become absolute (against the dataset directory
     *     of a sample's file), or null to leave them
     * @param files the local path of each source number's file, or null when the sources are
     *     not a fixed file list (records then name their file, or have none: Kafka)
     */
    public ParseFunction(Origins origins, String runId, List<String> suffixes, MediaPaths mediaPaths, List<String> files) {
        this.origins = origins;
        this.runId = runId;
        this.suffixes = suffixes == null ? null : List.copyOf(suffixes);
        this.mediaPaths = mediaPaths;
        this.files = files == null ? null : List.copyOf(files);
    }

    @Override
    public void open(OpenContext ctx) {
        progress = LocalProgress.of(runId);
        datasetDirs = new HashMap<>();
        MetricGroup input = getRuntimeContext().getMetricGroup().addGroup(OpMetrics.INPUT_GROUP);
        OpMetrics.view(input, OpMetrics.READ, () -> counters.sinceStart(READ));
        OpMetrics.view(input, OpMetrics.MALFORMED, () -> counters.sinceStart(MALFORMED));
        OpMetrics.view(input, OpMetrics.BYTES, () -> counters.sinceStart(BYTES));
    }

    @Override
    public void initializeState(FunctionInitializationContext ctx) throws Exception {
        counters = new DurableCounters("counters", List.of(JobCounters.READ, JobCounters.MALFORMED, JobCounters.BYTES));
        counters.initialize(ctx);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
        counters.snapshot(null);
    }

    @Override
    public java.util.Map<String, Long> finalCounts() {
        return counters.totals(null);
    }

    @Override
    public void processElement(RawLine line, Context ctx, Collector<SampleRecord> out) {
        counters.add(READ, 1);
        counters.add(BYTES, line.length);
        progress.record(line.source, line.splitStart, line.fileOffset);
        if (line.truncated()) {
            fail(ctx, "line of " + line.length + " bytes exceeds max_line_bytes (" + line.bytes.length + ")", line);
            return;
        }
        String text = Utf8.decodeStrict(line.bytes, 0, line.bytes.length);
        if (text == null) {
            fail(ctx, "invalid UTF-8 at byte " + Utf8.firstInvalid(line.bytes, 0, line.bytes.length), line);
            return;
        }
        Sample sample;
        try {
            sample = Sample.parse(text);
        } catch (IllegalArgumentException e) {
            fail(ctx, e.getMessage(), line);
            return;
        }
        if (suffixes != null) {
            sample.root().put(Sample.SUFFIX, line.source < suffixes.size() ? suffixes.get(line.source) : "");
        }
        if (mediaPaths != null) {
            String file = line.file != null ? new org.apache.flink.core.fs.Path(line.file).toUri().getPath()
                    : files != null && line.source < files.size() ? files.get(line.source) : null;
            String dir = file == null ? null : datasetDirs.computeIfAbsent(file, f -> mediaPaths.datasetDirOf(f));
            if (dir != null) {
                mediaPaths.absolutize(sample, dir);
            }
        }
        out.collect(new SampleRecord(line.source, line.line, null, sample));
    }

    private void fail(Context ctx, String reason, RawLine line) {
        counters.add(MALFORMED, 1);
        Origins where = line.file == null ? origins : (n, source, position) -> {
            n.put("file", line.file);
            n.put("line", position);
        };
        ctx.output(Tags.ERRORS, TraceRecords.malformed(reason, where, line.source, line.line, line.bytes,
                (int) Math.min(Integer.MAX_VALUE, line.length), line.truncated()));
    }
}
