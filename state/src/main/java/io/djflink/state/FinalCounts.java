package io.djflink.state;

import java.util.Map;

/**
 * A function whose counts are reported once when its input ends, by the operator that runs it
 * (see {@link CountingOperators}), instead of as accumulators: accumulators of a task that had
 * finished before a failover are lost with the restart, records are not.
 */
public interface FinalCounts {

    /** Counter name to value, including what was restored from the last checkpoint. */
    Map<String, Long> finalCounts();
}
