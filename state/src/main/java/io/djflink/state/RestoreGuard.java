package io.djflink.state;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.runtime.state.FunctionInitializationContext;

/**
 * Refuses to start a dedup stage whose state should have come back from a savepoint but did not.
 *
 * <p>Dedup stages have uids derived from their op's position and name, so a recipe edit before a
 * deduplicator gives it a new uid and its state stays in the savepoint, unclaimed. djflink lets a
 * restore skip unclaimed state (so ops after the dedup stage can be removed), which would make
 * such an edit silently forget every sample seen. Each dedup stage therefore writes a marker
 * into its operator state; a restored task whose dedup stage finds no marker stops the job,
 * naming the op and the way out.
 */
public final class RestoreGuard {

    /** The global job parameter that carries the recipe's {@code dedup-state} choice. */
    public static final String PARAMETER = "djflink.dedup-state";

    /** Whether the job was told it may start dedup state afresh ({@code dedup-state: reset}). */
    public static boolean resetAllowed(RuntimeContext ctx) {
        return "reset".equals(ctx.getGlobalJobParameters().get(PARAMETER));
    }

    private RestoreGuard() {}

    /**
     * The durable counts of a dedup decision stage ({@code kept}, {@code duplicates}, then
     * {@code late} for event-time stages, at indexes 0, 1, 2), initialized from the restored state
     * after checking that the stage's state came back. Call from {@code initializeState}.
     */
    public static DurableCounters dedupCounters(FunctionInitializationContext ctx, RuntimeContext runtime, String opId,
            boolean late) throws Exception {
        java.util.List<String> names = new java.util.ArrayList<>(
                java.util.List.of(JobCounters.op(opId, "kept"), JobCounters.op(opId, "duplicates")));
        if (late) {
            names.add(JobCounters.op(opId, "late"));
        }
        DurableCounters counters = new DurableCounters("counters", names);
        counters.initialize(ctx);
        check(ctx, opId, resetAllowed(runtime));
        return counters;
    }

    /**
     * Call from {@code initializeState}.
     *
     * @param allowReset whether a missing state is accepted (the user chose to start dedup afresh)
     */
    public static void check(FunctionInitializationContext ctx, String opId, boolean allowReset) throws Exception {
        // Union state: every subtask sees every marker, whatever the parallelism was before.
        ListState<String> marker = ctx.getOperatorStateStore()
                .getUnionListState(new ListStateDescriptor<>("djflink-dedup-owner", Types.STRING));
        boolean found = marker.get().iterator().hasNext();
        if (ctx.isRestored() && !found && !allowReset) {
            throw new SuppressRestartsException(new IllegalStateException("the dedup state of op " + opId
                    + " is not in the savepoint or checkpoint this job starts from: the recipe changed before or at this "
                    + "deduplicator (its position or name), so the samples it has seen would be forgotten. Restore with the "
                    + "recipe the savepoint was taken with, or start dedup afresh with -D dedup-state=reset"));
        }
        if (!found) {
            marker.add(opId);
        }
    }
}
