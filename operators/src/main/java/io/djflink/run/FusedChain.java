package io.djflink.run;

import io.djflink.ops.Deduplicator;
import io.djflink.ops.Filter;
import io.djflink.ops.Mapper;
import io.djflink.ops.NearDeduplicator;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import io.djflink.recipe.OpConfig;
import java.util.List;

/**
 * Consecutive mappers and filters run on one sample object, one after another, sharing a
 * {@link SampleContext}; optionally the signature of the deduplicator that follows is computed
 * last. Counts per op and routes nothing itself: {@link #process} says what happened and the
 * caller (the Flink operator or the in-process runner) routes the sample.
 *
 * <p>Not thread-safe: one chain per task.
 */
public final class FusedChain implements AutoCloseable {

    /** What became of a sample. */
    public enum Verdict {
        KEPT,
        FILTERED,
        ERROR
    }

    /** Receives mapper edits for the tracer (only for ops it asks about). */
    public interface Tracer {
        boolean traces(OpConfig op);

        void mapped(OpConfig op, String before, String after);
    }

    /**
     * Receives the time each op took on each sample, e.g. to feed a latency histogram. Called on
     * the task thread, once per op that ran, so an implementation must be cheap.
     */
    public interface OpTimes {
        /** The chain position {@link #record} gets for the trailing deduplicator's signature. */
        int SIGNATURE = -1;

        /**
         * @param op the op's position in the chain (as in {@link #stats(int)}), or {@link #SIGNATURE}
         * @param nanos the time the op spent on this sample
         */
        void record(int op, long nanos);
    }

    /** The result of the last {@link #process} call; reused between calls. */
    public static final class Result {
        public Verdict verdict;
        /** The op that filtered or failed, else null. */
        public OpConfig op;
        /** The stat key that decided a filter verdict (first of the filter's keys), else null. */
        public String statKey;
        public Throwable error;
        /** The signature for the next exact deduplicator, when the chain has one and the sample was kept. */
        public String key;
        /**
         * The signature for the next near-deduplicator, when the chain has one and the sample was
         * kept (its candidate keys and pair check come from {@link #nearDeduplicator()}).
         */
        public long[] signature;
    }

    private final OpConfig[] configs;
    private final Op[] ops;
    private final OpStats[] stats;
    /** skip_op_error of each op as bound (the declared default applies when not given). */
    private final boolean[] skipErrors;
    private final OpConfig dedupConfig;
    /** The trailing exact deduplicator, or null. */
    private final Deduplicator dedup;
    /** The trailing near-deduplicator, or null. */
    private final NearDeduplicator near;
    private final OpStats dedupStats;
    private final boolean dedupSkipErrors;
    private final Tracer tracer;
    private OpTimes times;
    private final SampleContext ctx = new SampleContext();
    private final Result result = new Result();

    /**
     * Creates the ops of a segment (already validated) and opens them.
     *
     * @param dedup the deduplicator whose signature to compute last, or null
     * @param tracer receives mapper edits, or null
     */
    public FusedChain(List<OpConfig> chain, OpConfig dedup, OpRegistry registry, Tracer tracer) throws Exception {
        this.configs = chain.toArray(new OpConfig[0]);
        this.ops = new Op[configs.length];
        this.stats = new OpStats[configs.length];
        this.skipErrors = new boolean[configs.length];
        this.dedupConfig = dedup;
        Op d = null;
        boolean dSkip = false;
        try {
            for (int i = 0; i < configs.length; i++) {
                OpFactory factory = registry.factory(configs[i].name());
                Params p = factory.bind(configs[i].args());
                ops[i] = factory.create(p);
                ops[i].open();
                skipErrors[i] = p.bool("skip_op_error");
                stats[i] = new OpStats();
            }
            if (dedup != null) {
                OpFactory factory = registry.factory(dedup.name());
                Params p = factory.bind(dedup.args());
                d = factory.create(p);
                if (!(d instanceof Deduplicator) && !(d instanceof NearDeduplicator)) {
                    throw new IllegalArgumentException(dedup.id() + " is not a deduplicator");
                }
                d.open();
                dSkip = p.bool("skip_op_error");
            }
        } catch (Exception | Error e) {
            // ops opened so far may hold resources (models, sessions): close them before failing
            for (Op op : ops) {
                closeQuietly(op, e);
            }
            closeQuietly(d, e);
            throw e;
        }
        this.dedup = d instanceof Deduplicator ? (Deduplicator) d : null;
        this.near = d instanceof NearDeduplicator ? (NearDeduplicator) d : null;
        this.dedupSkipErrors = dSkip;
        this.dedupStats = dedup != null ? new OpStats() : null;
        this.tracer = tracer;
    }

    private static void closeQuietly(Op op, Throwable cause) {
        if (op == null) {
            return;
        }
        try {
            op.close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }

    /** Runs the chain on one sample, editing it in place. */
    public Result process(Sample sample) {
        ctx.clear();
        Result r = result;
        r.op = null;
        r.statKey = null;
        r.error = null;
        r.key = null;
        r.signature = null;
        for (int i = 0; i < ops.length; i++) {
            Op op = ops[i];
            OpStats st = stats[i];
            st.in++;
            long t0 = System.nanoTime();
            try {
                if (op instanceof Mapper) {
                    boolean trace = tracer != null && tracer.traces(configs[i]);
                    String before = trace ? sample.text(op.textKey()) : null;
                    ((Mapper) op).map(sample, ctx);
                    if (trace) {
                        String after = sample.text(op.textKey());
                        if (before != null && !before.equals(after)) {
                            tracer.mapped(configs[i], before, after);
                        }
                    }
                } else {
                    Filter f = (Filter) op;
                    f.computeStats(sample, ctx);
                    if (!f.keep(sample)) {
                        spent(i, st, t0);
                        st.filtered++;
                        r.verdict = Verdict.FILTERED;
                        r.op = configs[i];
                        r.statKey = f.statKeys().isEmpty() ? null : f.statKeys().get(0);
                        return r;
                    }
                }
            } catch (Exception | StackOverflowError e) {
                spent(i, st, t0);
                return fail(r, configs[i], skipErrors[i], st, e);
            }
            spent(i, st, t0);
            st.kept++;
        }
        if (dedupStats != null) {
            dedupStats.in++;
            long t0 = System.nanoTime();
            try {
                if (dedup != null) {
                    r.key = dedup.hash(sample, ctx);
                } else {
                    r.signature = near.signature(sample, ctx);
                }
            } catch (Exception | StackOverflowError e) {
                spent(OpTimes.SIGNATURE, dedupStats, t0);
                return fail(r, dedupConfig, dedupSkipErrors, dedupStats, e);
            }
            spent(OpTimes.SIGNATURE, dedupStats, t0);
        }
        r.verdict = Verdict.KEPT;
        return r;
    }

    private void spent(int op, OpStats st, long t0) {
        long nanos = System.nanoTime() - t0;
        st.nanos += nanos;
        if (times != null) {
            times.record(op, nanos);
        }
    }

    private Result fail(Result r, OpConfig op, boolean skip, OpStats st, Throwable e) {
        if (!skip) {
            throw new OpFailure(op.id(), e);
        }
        st.errors++;
        r.verdict = Verdict.ERROR;
        r.op = op;
        r.error = e;
        return r;
    }

    /** Sets who receives each op's time on each sample (null: nobody, the default). */
    public void recordTimes(OpTimes times) {
        this.times = times;
    }

    /** The context of the last sample (tests, conformance). */
    public SampleContext context() {
        return ctx;
    }

    public List<OpConfig> configs() {
        return List.of(configs);
    }

    /** Counters of the chain's ops, in chain order. */
    public OpStats stats(int i) {
        return stats[i];
    }

    /**
     * Counters of the signature computation of the trailing deduplicator: {@code in} and
     * {@code errors} here; the keyed stage counts kept and duplicates.
     */
    public OpStats dedupStats() {
        return dedupStats;
    }

    public OpConfig dedupConfig() {
        return dedupConfig;
    }

    /**
     * The trailing near-deduplicator (for its candidate keys and pair check), or null when the
     * chain ends with an exact deduplicator or none.
     */
    public NearDeduplicator nearDeduplicator() {
        return near;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (Op op : ops) {
            try {
                op.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (dedup != null) {
            dedup.close();
        }
        if (near != null) {
            near.close();
        }
        if (first != null) {
            throw first;
        }
    }
}
