package io.djflink.state;

import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.runtime.state.FunctionInitializationContext;

/**
 * Counters that survive a failover: kept in operator state and restored from the last
 * checkpoint; a task reports its totals once when its input ends ({@link FinalCounts}).
 * Accumulators alone restart from zero with every attempt, so a summary built from them would
 * miss what was processed before a restore; these count each record once, like the outputs.
 */
public final class DurableCounters {

    private final String stateName;
    private final String[] names;
    private final long[] values;
    /** The share restored from the checkpoint, so {@link #sinceStart} can leave it out. */
    private final long[] restored;
    private transient ListState<long[]> state;

    /**
     * @param names the accumulator names, in the order {@link #add} indexes them
     */
    public DurableCounters(String stateName, List<String> names) {
        this.stateName = stateName;
        this.names = names.toArray(new String[0]);
        this.values = new long[this.names.length];
        this.restored = new long[this.names.length];
    }

    /** Restores the counts of this subtask's share of the last checkpoint. */
    public void initialize(FunctionInitializationContext ctx) throws Exception {
        state = ctx.getOperatorStateStore().getListState(
                new ListStateDescriptor<>(stateName, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        if (ctx.isRestored()) {
            for (long[] v : state.get()) {
                for (int i = 0; i < Math.min(v.length, values.length); i++) {
                    values[i] += v[i];
                }
            }
        }
        System.arraycopy(values, 0, restored, 0, values.length);
    }

    public void add(int counter, long delta) {
        values[counter] += delta;
    }

    /**
     * What a counter counted since this task attempt started: the live metrics' view, which,
     * like Flink's own counters, starts from zero after a restore.
     */
    public long sinceStart(int counter) {
        return values[counter] - restored[counter];
    }

    /** Checkpoints {@code values + extra} (extra: counts kept elsewhere, e.g. in a fused chain). */
    public void snapshot(long[] extra) throws Exception {
        long[] v = values.clone();
        if (extra != null) {
            for (int i = 0; i < v.length; i++) {
                v[i] += extra[i];
            }
        }
        state.update(List.of(v));
    }

    /** The counts as {@code name -> value}, {@code values + extra}. */
    public java.util.Map<String, Long> totals(long[] extra) {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            out.put(names[i], values[i] + (extra == null ? 0 : extra[i]));
        }
        return out;
    }
}
