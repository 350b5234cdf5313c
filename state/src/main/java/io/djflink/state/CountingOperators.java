package io.djflink.state;

import java.util.Map;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Operators that, when their input ends, send their function's {@link FinalCounts} to a side
 * output as {@code name\tvalue} records. End of input comes after the final watermark, so counts
 * of survivors released by end-of-input timers are included.
 */
public final class CountingOperators {

    private CountingOperators() {}

    /** Runs a {@link ProcessFunction} that implements {@link FinalCounts}. */
    public static final class Process<I, O> extends ProcessOperator<I, O> implements BoundedOneInput {
        private final OutputTag<String> counts;

        public Process(ProcessFunction<I, O> fn, OutputTag<String> counts) {
            super(fn);
            this.counts = counts;
        }

        @Override
        public void endInput() {
            emit(output, ((FinalCounts) userFunction).finalCounts(), counts);
        }
    }

    /** Runs a {@link KeyedProcessFunction} that implements {@link FinalCounts}. */
    public static final class Keyed<K, I, O> extends KeyedProcessOperator<K, I, O> implements BoundedOneInput {
        private final OutputTag<String> counts;

        public Keyed(KeyedProcessFunction<K, I, O> fn, OutputTag<String> counts) {
            super(fn);
            this.counts = counts;
        }

        @Override
        public void endInput() {
            emit(output, ((FinalCounts) userFunction).finalCounts(), counts);
        }
    }

    /** Runs a {@link KeyedCoProcessFunction} that implements {@link FinalCounts}; counts go out when both inputs end. */
    public static final class KeyedCo<K, I1, I2, O> extends KeyedCoProcessOperator<K, I1, I2, O> implements BoundedMultiInput {
        private final OutputTag<String> counts;
        private int ended;

        public KeyedCo(KeyedCoProcessFunction<K, I1, I2, O> fn, OutputTag<String> counts) {
            super(fn);
            this.counts = counts;
        }

        @Override
        public void endInput(int inputId) {
            if (++ended == 2) {
                emit(output, ((FinalCounts) userFunction).finalCounts(), counts);
            }
        }
    }

    static void emit(org.apache.flink.streaming.api.operators.Output<?> out, Map<String, Long> values, OutputTag<String> tag) {
        for (Map.Entry<String, Long> e : values.entrySet()) {
            out.collect(tag, new StreamRecord<>(e.getKey() + "\t" + e.getValue()));
        }
    }
}
