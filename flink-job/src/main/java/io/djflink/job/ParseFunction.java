package io.djflink.job;

import io.djflink.job.io.RawLine;
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
import java.util.List;
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
 * silently.
 */
public final class ParseFunction extends ProcessFunction<RawLine, SampleRecord> implements CheckpointedFunction, FinalCounts {

    private final Origins origins;
    private final String runId;
    /** {@code __dj__suffix__} per input file, or null when no op reads it. */
    private final List<String> suffixes;

    private static final int READ = 0;
    private static final int MALFORMED = 1;
    private static final int BYTES = 2;

    private transient DurableCounters counters;
    private transient LocalProgress progress;

    /**
     * @param addSuffix whether each sample gets {@code __dj__suffix__} = its file's suffix
     *     (Data-Juicer adds it when suffix_filter is in the recipe)
     */
    public static ParseFunction files(List<String> files, String runId, boolean addSuffix) {
        return new ParseFunction(Origins.files(files), runId, addSuffix
                ? files.stream().map(f -> DatasetFiles.suffixOf(Path.of(URI.create(f)))).toList()
                : null);
    }

    /**
     * @param suffixes {@code __dj__suffix__} by source number, or null when no op reads it (a
     *     source past the list's end gets an empty suffix)
     */
    public ParseFunction(Origins origins, String runId, List<String> suffixes) {
        this.origins = origins;
        this.runId = runId;
        this.suffixes = suffixes == null ? null : List.copyOf(suffixes);
    }

    @Override
    public void open(OpenContext ctx) {
        progress = LocalProgress.of(runId);
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
        progress.record(line.source, line.fileOffset);
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
