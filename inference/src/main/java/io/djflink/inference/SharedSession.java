package io.djflink.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ONNX Runtime session and its batch queue, shared by every {@link ModelHandle} opened with
 * equal {@link ModelOptions}. A single batcher thread runs one batch at a time: on CPU the
 * session's intra-op threads already use the cores, and on a GPU one stream of large batches
 * keeps the device busier than many small concurrent runs.
 */
final class SharedSession {
    private static final Logger LOG = LoggerFactory.getLogger(InferenceService.class);

    private final ModelOptions options;
    private final OrtEnvironment env;
    private final OrtSession.SessionOptions sessionOptions;
    private final OrtSession session;
    private final String inputName;
    private final String outputName;
    private final Accelerator provider;
    private final ScheduledExecutorService timer;
    private final InferenceMetrics metrics = new InferenceMetrics();
    private final Semaphore slots;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Request> queue = new ArrayDeque<>();
    private boolean open = true;
    private final Thread batcher;

    /** Guarded by the owning service's monitor. */
    int refs;

    private static final class Request {
        final float[] data;
        final long[] shape;
        final CompletableFuture<FloatTensor> future;
        final long enqueuedNanos;

        Request(float[] data, long[] shape, CompletableFuture<FloatTensor> future, long enqueuedNanos) {
            this.data = data;
            this.shape = shape;
            this.future = future;
            this.enqueuedNanos = enqueuedNanos;
        }
    }

    SharedSession(ModelOptions options, ScheduledExecutorService timer) throws OrtException {
        this.options = options;
        this.timer = timer;
        this.slots = new Semaphore(options.maxInFlight(), true);
        this.env = OrtEnvironment.getEnvironment();

        String fallback = null;
        OrtSession.SessionOptions so = baseOptions();
        Accelerator used = Accelerator.CPU;
        if (options.accelerator() == Accelerator.CUDA) {
            EnumSet<OrtProvider> available = OrtEnvironment.getAvailableProviders();
            if (available.contains(OrtProvider.CUDA)) {
                try {
                    so.addCUDA(options.cudaDevice());
                    used = Accelerator.CUDA;
                } catch (OrtException e) {
                    fallback = "the CUDA provider did not start (" + e.getMessage() + ")";
                    so.close();
                    so = baseOptions();
                }
            } else {
                fallback = "this ONNX Runtime build offers " + available
                        + " (CUDA needs the onnxruntime_gpu artifact: build with -Ponnx-gpu)";
            }
        }
        OrtSession created;
        try {
            created = env.createSession(options.model().toString(), so);
        } catch (OrtException e) {
            if (used != Accelerator.CUDA) {
                so.close();
                throw e;
            }
            // a CUDA build on a host without a usable GPU fails here, not at addCUDA
            fallback = "no usable GPU for the CUDA provider (" + e.getMessage() + ")";
            so.close();
            so = baseOptions();
            used = Accelerator.CPU;
            created = env.createSession(options.model().toString(), so);
        }
        this.sessionOptions = so;
        this.session = created;
        this.provider = used;
        try {
            this.inputName = singleFloatInput(created);
            this.outputName = chooseOutput(created, options.outputName());
        } catch (RuntimeException e) {
            created.close();
            so.close();
            throw e;
        }
        if (fallback != null) {
            LOG.warn("Model {}: accelerator cuda requested but {}; running on CPU", options.model(), fallback);
        } else {
            LOG.info("Model {} loaded on {} (intra-op threads {}, inter-op threads {}, max batch {}, max delay {} ms)",
                    options.model(), used, threads(options.intraOpThreads()), threads(options.interOpThreads()),
                    options.maxBatch(), options.maxDelay().toMillis());
        }
        this.batcher = new Thread(this::batchLoop, "djflink-inference-" + options.model().getFileName());
        this.batcher.setDaemon(true);
        this.batcher.start();
    }

    private static String threads(int n) {
        return n == 0 ? "default" : Integer.toString(n);
    }

    private OrtSession.SessionOptions baseOptions() throws OrtException {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        if (options.intraOpThreads() > 0) {
            so.setIntraOpNumThreads(options.intraOpThreads());
        }
        if (options.interOpThreads() > 0) {
            so.setInterOpNumThreads(options.interOpThreads());
        }
        return so;
    }

    private String singleFloatInput(OrtSession s) {
        Map<String, NodeInfo> inputs;
        try {
            inputs = s.getInputInfo();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot read the inputs of " + options.model(), e);
        }
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(options.model() + " has inputs " + inputs.keySet()
                    + "; the inference service batches models with exactly one input");
        }
        NodeInfo in = inputs.values().iterator().next();
        if (!(in.getInfo() instanceof TensorInfo ti) || ti.type != OnnxJavaType.FLOAT) {
            throw new IllegalArgumentException(options.model() + ": input " + in.getName()
                    + " is " + in.getInfo() + "; the inference service feeds float tensors");
        }
        return in.getName();
    }

    private String chooseOutput(OrtSession s, String wanted) {
        Set<String> names = s.getOutputNames();
        if (wanted == null) {
            return names.iterator().next();
        }
        if (!names.contains(wanted)) {
            throw new IllegalArgumentException(options.model() + " has no output '" + wanted + "'; it has " + names);
        }
        return wanted;
    }

    ModelOptions options() {
        return options;
    }

    Accelerator provider() {
        return provider;
    }

    String inputName() {
        return inputName;
    }

    String outputName() {
        return outputName;
    }

    InferenceMetrics metrics() {
        return metrics;
    }

    CompletableFuture<FloatTensor> submit(float[] data, long[] shape, Duration timeout) {
        long start = System.nanoTime();
        long timeoutNanos = timeout.toNanos();
        CompletableFuture<FloatTensor> future = new CompletableFuture<>();
        try {
            if (!slots.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS)) {
                metrics.onRejected();
                future.completeExceptionally(new InferenceRejectedException(
                        "no in-flight slot for " + options.model().getFileName() + " within "
                                + timeout.toMillis() + " ms (max in flight "
                                + options.maxInFlight() + ")"));
                return future;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.completeExceptionally(e);
            return future;
        }
        // the slot is held until the caller's future is done, however it ends
        future.whenComplete((r, e) -> slots.release());

        long remaining = Math.max(0, timeoutNanos - (System.nanoTime() - start));
        ScheduledFuture<?> expiry = timer.schedule(() -> {
            // counted before the future completes, so whoever sees the timeout sees it counted;
            // taken back if the result won the race
            metrics.onTimeout();
            if (!future.completeExceptionally(new TimeoutException("inference on "
                    + options.model().getFileName() + " took longer than " + timeout.toMillis() + " ms"))) {
                metrics.undoTimeout();
            }
        }, remaining, TimeUnit.NANOSECONDS);
        future.whenComplete((r, e) -> expiry.cancel(false));

        lock.lock();
        try {
            if (!open) {
                future.completeExceptionally(new IllegalStateException(options.model() + " is closed"));
                return future;
            }
            queue.addLast(new Request(data, shape, future, System.nanoTime()));
            metrics.onRequest();
            changed.signal();
        } finally {
            lock.unlock();
        }
        return future;
    }

    private void batchLoop() {
        while (true) {
            List<Request> batch;
            lock.lock();
            try {
                batch = nextBatch();
                if (batch == null) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            run(batch);
        }
    }

    /**
     * Waits until the oldest live sample has {@code maxBatch} companions of its shape or has
     * waited {@code maxDelay}, then takes them out of the queue. Returns null once closed.
     */
    private List<Request> nextBatch() throws InterruptedException {
        long maxDelay = options.maxDelay().toNanos();
        while (open) {
            // samples that timed out while queued are dropped here, not run
            while (!queue.isEmpty() && queue.peekFirst().future.isDone()) {
                queue.pollFirst();
            }
            if (queue.isEmpty()) {
                changed.await();
                continue;
            }
            Request head = queue.peekFirst();
            int ready = 0;
            for (Request r : queue) {
                if (!r.future.isDone() && Arrays.equals(r.shape, head.shape) && ++ready == options.maxBatch()) {
                    break;
                }
            }
            long waited = System.nanoTime() - head.enqueuedNanos;
            if (ready < options.maxBatch() && waited < maxDelay) {
                changed.awaitNanos(maxDelay - waited);
                continue;
            }
            List<Request> batch = new ArrayList<>(ready);
            for (Iterator<Request> it = queue.iterator(); it.hasNext() && batch.size() < options.maxBatch(); ) {
                Request r = it.next();
                if (r.future.isDone()) {
                    it.remove();
                } else if (Arrays.equals(r.shape, head.shape)) {
                    batch.add(r);
                    it.remove();
                }
            }
            return batch;
        }
        return null;
    }

    private void run(List<Request> batch) {
        long start = System.nanoTime();
        for (Request r : batch) {
            metrics.onQueueWait(start - r.enqueuedNanos);
        }
        int n = batch.size();
        long[] sampleShape = batch.get(0).shape;
        int per = batch.get(0).data.length;
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = n;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        FloatTensor[] outputs = new FloatTensor[n];
        Exception failure = null;
        try {
            FloatBuffer input = ByteBuffer.allocateDirect(Math.multiplyExact(n, per) * Float.BYTES)
                    .order(ByteOrder.nativeOrder()).asFloatBuffer();
            for (Request r : batch) {
                input.put(r.data);
            }
            input.rewind();
            try (OnnxTensor tensor = OnnxTensor.createTensor(env, input, shape);
                    OrtSession.Result result = session.run(Map.of(inputName, tensor), Set.of(outputName))) {
                OnnxValue value = result.get(0);
                if (!(value instanceof OnnxTensor out) || out.getInfo().type != OnnxJavaType.FLOAT) {
                    throw new IllegalStateException("output " + outputName + " of " + options.model()
                            + " is " + value.getInfo() + ", not a float tensor");
                }
                long[] outShape = out.getInfo().getShape();
                if (outShape.length == 0 || outShape[0] != n) {
                    throw new IllegalStateException("output " + outputName + " has shape "
                            + Arrays.toString(outShape) + " for a batch of " + n
                            + "; batching needs the batch on the first dimension (use maxBatch 1 otherwise)");
                }
                FloatBuffer values = out.getFloatBuffer();
                int outPer = values.remaining() / n;
                long[] outSample = Arrays.copyOfRange(outShape, 1, outShape.length);
                for (int i = 0; i < n; i++) {
                    float[] d = new float[outPer];
                    values.get(d);
                    outputs[i] = new FloatTensor(d, outSample);
                }
            }
        } catch (OrtException | RuntimeException e) {
            failure = e;
        }
        // metrics first, so a caller that sees its result also sees the run that produced it
        metrics.onRun(n, System.nanoTime() - start);
        if (failure != null) {
            metrics.onFailure(n);
        }
        for (int i = 0; i < n; i++) {
            if (failure != null) {
                batch.get(i).future.completeExceptionally(failure);
            } else {
                batch.get(i).future.complete(outputs[i]);
            }
        }
    }

    /** Stops the batcher, fails what is still queued and frees the native session. */
    void close() {
        List<Request> left;
        lock.lock();
        try {
            open = false;
            left = new ArrayList<>(queue);
            queue.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Request r : left) {
            r.future.completeExceptionally(new IllegalStateException(options.model() + " was closed"));
        }
        try {
            // a batch already running finishes; its native memory must not vanish under it
            batcher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            session.close();
        } catch (OrtException e) {
            LOG.warn("Closing the session of {} failed", options.model(), e);
        }
        sessionOptions.close();
    }
}
