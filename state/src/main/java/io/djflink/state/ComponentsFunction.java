package io.djflink.state;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Union-find over the near-duplicate edges of a bounded input, in keyed state (RocksDB) under one
 * constant key: a union sets both roots to the smaller ingestion order, so the root of a component
 * is its earliest sample, Data-Juicer's survivor. When the input ends (the final watermark fires
 * the timer, before the watermark reaches the next stage) every sample that is not its
 * component's root gets a verdict. Only samples that have an edge are ever stored here.
 */
public final class ComponentsFunction extends KeyedProcessFunction<Integer, NearDupEdge, NearDupVerdict> {

    private final int traceNum;

    /** @param traceNum how many verdicts to mark for the tracer (0 when the op is not traced) */
    public ComponentsFunction(int traceNum) {
        this.traceNum = traceNum;
    }

    private transient MapState<Long, Long> parent;
    private transient MapState<Long, String> ids;
    private transient MapState<Long, Double> firstSimilarity;

    @Override
    public void open(OpenContext ctx) {
        parent = getRuntimeContext().getMapState(new MapStateDescriptor<>("parent", Types.LONG, Types.LONG));
        ids = getRuntimeContext().getMapState(new MapStateDescriptor<>("ids", Types.LONG, Types.STRING));
        firstSimilarity = getRuntimeContext().getMapState(new MapStateDescriptor<>("similarity", Types.LONG, Types.DOUBLE));
    }

    @Override
    public void processElement(NearDupEdge e, Context ctx, Collector<NearDupVerdict> out) throws Exception {
        if (!parent.contains(e.a)) {
            parent.put(e.a, e.a);
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }
        if (!parent.contains(e.b)) {
            parent.put(e.b, e.b);
        }
        if (e.aId != null) {
            ids.put(e.a, e.aId);
        }
        if (e.bId != null) {
            ids.put(e.b, e.bId);
        }
        long later = Math.max(e.a, e.b);
        if (!firstSimilarity.contains(later)) {
            firstSimilarity.put(later, e.similarity);
        }
        long ra = find(e.a);
        long rb = find(e.b);
        if (ra != rb) {
            long root = Math.min(ra, rb);
            parent.put(ra, root);
            parent.put(rb, root);
        }
    }

    private long find(long x) throws Exception {
        long root = x;
        long p;
        while ((p = parent.get(root)) != root) {
            root = p;
        }
        while (x != root) {
            long next = parent.get(x);
            parent.put(x, root);
            x = next;
        }
        return root;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<NearDupVerdict> out) throws Exception {
        List<Long> nodes = new ArrayList<>();
        for (Long n : parent.keys()) {
            nodes.add(n);
        }
        java.util.Collections.sort(nodes);
        int marked = 0;
        for (long n : nodes) {
            long root = find(n);
            if (root != n) {
                Double sim = firstSimilarity.get(n);
                NearDupVerdict v = new NearDupVerdict(n, root, ids.get(root), sim == null ? Double.NaN : sim);
                v.traced = marked < traceNum;
                marked += v.traced ? 1 : 0;
                out.collect(v);
            }
        }
        parent.clear();
        ids.clear();
        firstSimilarity.clear();
    }
}
