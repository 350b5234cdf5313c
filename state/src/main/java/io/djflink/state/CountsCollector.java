package io.djflink.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sums the final counts of every task (run at parallelism 1), keeps the sums in checkpointed
 * state, and publishes them as accumulators when the job ends. A task that finished before a
 * failover is not run again, but its counts are already in this state.
 */
public final class CountsCollector extends ProcessFunction<String, Void> implements CheckpointedFunction {

    private transient Map<String, Long> sums;
    private transient ListState<String> state;

    @Override
    public void processElement(String record, Context ctx, Collector<Void> out) {
        int tab = record.indexOf('\t');
        sums.merge(record.substring(0, tab), Long.parseLong(record.substring(tab + 1)), Long::sum);
    }

    @Override
    public void initializeState(FunctionInitializationContext ctx) throws Exception {
        sums = new TreeMap<>();
        state = ctx.getOperatorStateStore().getListState(new ListStateDescriptor<>("sums", Types.STRING));
        if (ctx.isRestored()) {
            for (String r : state.get()) {
                int tab = r.indexOf('\t');
                sums.merge(r.substring(0, tab), Long.parseLong(r.substring(tab + 1)), Long::sum);
            }
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
        List<String> rows = new ArrayList<>();
        sums.forEach((k, v) -> rows.add(k + "\t" + v));
        state.update(rows);
    }

    @Override
    public void close() {
        if (sums != null) {
            sums.forEach((k, v) -> getRuntimeContext().getLongCounter(k).add(v));
        }
    }
}
