package io.djflink.job;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live progress of jobs running on the embedded MiniCluster, which shares this JVM with the CLI:
 * the parse step reports here and the CLI's progress line reads it. On a remote cluster nothing
 * reads it; progress is then the Flink web UI's.
 */
public final class LocalProgress {

    private static final Map<String, LocalProgress> RUNS = new ConcurrentHashMap<>();

    private final AtomicLong samples = new AtomicLong();
    private final Map<Split, Long> consumed = new ConcurrentHashMap<>();

    private LocalProgress() {}

    /** The progress of the run with this id, created on first use. */
    public static LocalProgress of(String runId) {
        return RUNS.computeIfAbsent(runId, k -> new LocalProgress());
    }

    public static void forget(String runId) {
        RUNS.remove(runId);
    }

    void record(int source, long splitStart, long consumed) {
        samples.incrementAndGet();
        this.consumed.merge(new Split(source, splitStart), consumed, Math::max);
    }

    /** A file, or a chunk of one read by its own reader. */
    private record Split(int source, long start) {}

    public long samples() {
        return samples.get();
    }

    /** Bytes of the input files consumed so far (compressed bytes for .gz files). */
    public long bytes() {
        long sum = 0;
        for (long v : consumed.values()) {
            sum += v;
        }
        return sum;
    }
}
