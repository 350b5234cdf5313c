package io.djflink.job;

import io.djflink.recipe.OpConfig;
import io.djflink.run.OpStats;
import io.djflink.state.JobCounters;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-op table and the totals of a finished run, read from the job's accumulators. Totals
 * satisfy {@code read = kept + filtered + duplicates + errors}, where errors count malformed
 * input and samples an op failed on.
 */
public final class RunSummary {

    private final Map<String, OpStats> ops = new LinkedHashMap<>();
    private final List<OpConfig> configs;
    private final long read;
    private final long malformed;
    private final long bytes;
    private final long written;
    private final long late;
    private final long elapsedMillis;

    public RunSummary(List<OpConfig> configs, Map<String, Object> accumulators, long elapsedMillis) {
        this.configs = configs;
        long lateSum = 0;
        for (OpConfig op : configs) {
            lateSum += get(accumulators, JobCounters.op(op.id(), "late"));
            OpStats s = new OpStats();
            s.in = get(accumulators, JobCounters.op(op.id(), "in"));
            s.kept = get(accumulators, JobCounters.op(op.id(), "kept"));
            s.filtered = get(accumulators, JobCounters.op(op.id(), "filtered"));
            s.duplicates = get(accumulators, JobCounters.op(op.id(), "duplicates"));
            s.errors = get(accumulators, JobCounters.op(op.id(), "errors"));
            s.nanos = get(accumulators, JobCounters.op(op.id(), "nanos"));
            s.added = get(accumulators, JobCounters.op(op.id(), "added"));
            ops.put(op.id(), s);
        }
        this.read = get(accumulators, JobCounters.READ);
        this.malformed = get(accumulators, JobCounters.MALFORMED);
        this.bytes = get(accumulators, JobCounters.BYTES);
        this.written = get(accumulators, JobCounters.WRITTEN);
        this.late = lateSum;
        this.elapsedMillis = elapsedMillis;
    }

    private static long get(Map<String, Object> acc, String name) {
        Object v = acc.get(name);
        return v instanceof Number ? ((Number) v).longValue() : 0L;
    }

    public OpStats op(String id) {
        return ops.get(id);
    }

    public long read() {
        return read;
    }

    public long kept() {
        return written;
    }

    public long filtered() {
        return ops.values().stream().mapToLong(s -> s.filtered).sum();
    }

    public long duplicates() {
        return ops.values().stream().mapToLong(s -> s.duplicates).sum();
    }

    /** Malformed input plus samples an op failed on. */
    public long errors() {
        return malformed + ops.values().stream().mapToLong(s -> s.errors).sum();
    }

    public long malformed() {
        return malformed;
    }

    public long bytes() {
        return bytes;
    }

    /**
     * Samples that streaming dedup stages decided on arrival because they came behind the
     * watermark, summed over the ops (0 in batch mode).
     */
    public long late() {
        return late;
    }

    /** Whether every sample read is accounted for, in total and per op. */
    public boolean balanced() {
        return read + added() == kept() + filtered() + duplicates() + errors() && ops.values().stream().allMatch(OpStats::balanced);
    }

    /** Samples made by splitting mappers beyond the one they each received (generate_qa_from_text_mapper). */
    public long added() {
        return ops.values().stream().mapToLong(s -> s.added).sum();
    }

    public void print(PrintStream out) {
        String fmt = "%-3s %-34s %10s %10s %10s %10s %8s %10s%n";
        out.printf(fmt, "#", "op", "in", "kept", "filtered", "dups", "errors", "time ms");
        for (OpConfig op : configs) {
            OpStats s = ops.get(op.id());
            out.printf(fmt, op.index(), op.name(), s.in, s.kept, s.filtered, s.duplicates, s.errors, s.nanos / 1_000_000);
        }
        double secs = Math.max(1, elapsedMillis) / 1000.0;
        out.printf("read %d samples (%.1f MB) in %.1f s; malformed input: %d%n", read, bytes / 1e6, secs, malformed);
        if (added() > 0) {
            out.printf("read + added by splits = kept + filtered + duplicates + errors: %d + %d = %d + %d + %d + %d %s%n",
                    read, added(), kept(), filtered(), duplicates(), errors(), balanced() ? "(balanced)" : "(NOT BALANCED)");
        } else {
            out.printf("read = kept + filtered + duplicates + errors: %d = %d + %d + %d + %d %s%n",
                    read, kept(), filtered(), duplicates(), errors(), balanced() ? "(balanced)" : "(NOT BALANCED)");
        }
        if (late > 0) {
            out.printf("late: %d samples came behind the watermark and were decided on arrival (counted per dedup op; "
                    + "see watermark.out-of-orderness)%n", late);
        }
    }
}
