package io.djflink.inference;

import ai.onnxruntime.OrtException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Runs ONNX models for every op of a JVM: one native session per model file and options, shared
 * by reference count, with requests from many samples stacked on the batch dimension into one
 * {@code session.run}.
 *
 * <pre>{@code
 * try (ModelHandle det = InferenceService.shared().open(
 *         ModelOptions.of(path).withBatching(8, Duration.ofMillis(5)))) {
 *     CompletableFuture<FloatTensor> map = det.submit(chw, 3, h, w);   // one sample, no batch dim
 * }
 * }</pre>
 *
 * <p>Per JVM means per class loader that holds this class: with djflink-inference in Flink's
 * {@code lib/}, all jobs of a TaskManager share it; inside a job jar it is shared by the job's
 * tasks on that TaskManager.
 *
 * <p>Back-pressure: each shared session admits at most {@link ModelOptions#maxInFlight()}
 * unfinished samples. {@link ModelHandle#submit} <b>blocks the caller</b> until a slot frees, so a
 * saturated model slows the Flink task that feeds it, the same way a full async queue does;
 * if no slot frees within the sample's timeout the future fails with
 * {@link InferenceRejectedException}. The timeout counts from submit, so waiting for a slot uses
 * part of it; a sample that times out while queued is never run, one that times out during its
 * run is computed and discarded.
 *
 * <p>Futures complete on the service's own threads (a session's batcher, or the timeout timer);
 * callers with heavy follow-up work should hand it to their own pool. Do not submit from a
 * completion callback without an executor: when the session is full, the submit would block the
 * very batcher that frees the slots, until the sample's timeout rejects it.
 */
public final class InferenceService implements AutoCloseable {
    private static final class Holder {
        static final InferenceService SHARED = new InferenceService();
    }

    private final Map<ModelOptions, SharedSession> sessions = new HashMap<>();
    private final ScheduledThreadPoolExecutor timer;
    private boolean closed;

    /** A service of its own, e.g. for tests or a bench; ops use {@link #shared()}. */
    public InferenceService() {
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "djflink-inference-timeouts");
            t.setDaemon(true);
            return t;
        });
        // cancelled timeouts (the normal case) must not pile up until their deadline
        timer.setRemoveOnCancelPolicy(true);
    }

    /** The JVM's service. It lives as long as its class loader; its threads are daemons. */
    public static InferenceService shared() {
        return Holder.SHARED;
    }

    /**
     * A handle on the model, loading it if no open handle has equal options. Close the handle
     * when done; the last close frees the session.
     *
     * @throws OrtException if ONNX Runtime cannot load the model
     * @throws IllegalArgumentException if the model has more than one input or a non-float one,
     *     or the named output does not exist
     */
    public synchronized ModelHandle open(ModelOptions options) throws OrtException {
        if (closed) {
            throw new IllegalStateException("the inference service is closed");
        }
        SharedSession s = sessions.get(options);
        if (s == null) {
            s = new SharedSession(options, timer);
            sessions.put(options, s);
        }
        s.refs++;
        return new ModelHandle(this, s);
    }

    /** How many native sessions are loaded. */
    public synchronized int openSessions() {
        return sessions.size();
    }

    void release(SharedSession s) {
        boolean last;
        synchronized (this) {
            last = --s.refs == 0 && sessions.remove(s.options(), s);
        }
        if (last) {
            s.close();
        }
    }

    /** Closes every session, open handles or not; their pending samples fail. */
    @Override
    public void close() {
        List<SharedSession> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(sessions.values());
            sessions.clear();
        }
        all.forEach(SharedSession::close);
        timer.shutdownNow();
    }
}
