package io.djflink.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batching, back-pressure, timeouts and session sharing, on the real PP-OCRv4 detector. */
class InferenceServiceTest {
    private static final long[] SMALL = {3, 64, 128};
    private static final long[] WIDE = {3, 64, 160};

    private InferenceService service;
    private ModelOptions base;

    @BeforeEach
    void setUp() {
        service = new InferenceService();
        base = ModelOptions.of(TextImages.detModel()).withThreads(1, 1);
    }

    @AfterEach
    void tearDown() {
        service.close();
    }

    private static FloatTensor sample(int i, long[] shape) {
        int w = (int) shape[2];
        int h = (int) shape[1];
        TextImages.Rendered r = TextImages.render(w, h, "T" + i + "x" + (i * 7), 4 + i, 40, 24);
        return new FloatTensor(TextImages.normalize(r.image()), shape);
    }

    @Test
    void concurrentSubmitsShareRunsAndMatchOneAtATime() throws Exception {
        // whole batches only, so a generous maxDelay (slow callers on a loaded machine still
        // join a batch) costs no waiting; the partial-batch flush is the next test's
        int n = 12;
        int maxBatch = 4;
        List<FloatTensor> inputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inputs.add(sample(i, SMALL));
        }
        try (ModelHandle batched = service.open(base.withBatching(maxBatch, Duration.ofSeconds(5)));
                ModelHandle single = service.open(base.withBatching(1, Duration.ZERO))) {
            assertThat(service.openSessions()).isEqualTo(2);

            ExecutorService callers = Executors.newFixedThreadPool(n);
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<FloatTensor>> futures = new ArrayList<>();
            List<java.util.concurrent.Future<CompletableFuture<FloatTensor>>> submitted = new ArrayList<>();
            for (FloatTensor in : inputs) {
                submitted.add(callers.submit(() -> {
                    go.await();
                    return batched.submit(in);
                }));
            }
            go.countDown();
            for (var f : submitted) {
                futures.add(f.get());
            }
            callers.shutdown();
            List<FloatTensor> outs = new ArrayList<>();
            for (var f : futures) {
                outs.add(f.get(30, TimeUnit.SECONDS));
            }

            long runs = batched.metrics().runs();
            assertThat(runs).isLessThanOrEqualTo((n + maxBatch - 1) / maxBatch);
            assertThat(batched.metrics().batchSize().max()).isEqualTo(maxBatch);
            assertThat(batched.metrics().batchSize().sum()).isEqualTo(n);
            assertThat(batched.metrics().queueWaitNanos().count()).isEqualTo(n);

            for (int i = 0; i < n; i++) {
                FloatTensor alone = single.submit(inputs.get(i)).get(30, TimeUnit.SECONDS);
                assertThat(outs.get(i).shape()).containsExactly(1, 64, 128);
                float[] a = alone.data();
                float[] b = outs.get(i).data();
                float maxDiff = 0;
                for (int k = 0; k < a.length; k++) {
                    maxDiff = Math.max(maxDiff, Math.abs(a[k] - b[k]));
                }
                assertThat(maxDiff).as("sample %d, batched vs alone", i).isCloseTo(0f, within(1e-5f));
            }
            assertThat(single.metrics().runs()).isEqualTo(n);
            // different texts really give different maps, so the comparison above could fail
            assertThat(outs.get(0).data()).isNotEqualTo(outs.get(1).data());
        }
    }

    @Test
    void samplesOfDifferentShapesGoInSeparateBatches() throws Exception {
        try (ModelHandle h = service.open(base.withBatching(4, Duration.ofMillis(100)))) {
            CompletableFuture<FloatTensor> a = h.submit(sample(1, SMALL));
            CompletableFuture<FloatTensor> b = h.submit(sample(2, WIDE));
            CompletableFuture<FloatTensor> c = h.submit(sample(3, SMALL));
            assertThat(a.get(30, TimeUnit.SECONDS).shape()).containsExactly(1, 64, 128);
            assertThat(b.get(30, TimeUnit.SECONDS).shape()).containsExactly(1, 64, 160);
            assertThat(c.get(30, TimeUnit.SECONDS).shape()).containsExactly(1, 64, 128);
            assertThat(h.metrics().runs()).isEqualTo(2);
        }
    }

    @Test
    void aSampleThatTimesOutInTheQueueFailsAndIsNeverRun() throws Exception {
        // a lone sample waits maxDelay (2 s) for companions; its 150 ms timeout ends that first
        try (ModelHandle h = service.open(base.withBatching(4, Duration.ofSeconds(2))
                .withTimeout(Duration.ofMillis(150)))) {
            long t0 = System.nanoTime();
            CompletableFuture<FloatTensor> f = h.submit(sample(1, SMALL));
            assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(ms).isBetween(140L, 1500L);
            assertThat(h.metrics().timeouts()).isEqualTo(1);
            Thread.sleep(2300); // past maxDelay: the batcher has looked at the queue again
            assertThat(h.metrics().runs()).isZero();
        }
    }

    @Test
    void fullInFlightBlocksTheSubmitterUntilASlotFreesOrItsTimeoutPasses() throws Exception {
        // two samples of different shapes cannot batch together, so both sit out maxDelay
        try (ModelHandle h = service.open(base.withBatching(2, Duration.ofSeconds(20)).withMaxInFlight(2))) {
            CompletableFuture<FloatTensor> a = h.submit(sample(1, SMALL));
            CompletableFuture<FloatTensor> b = h.submit(sample(2, WIDE));

            long t0 = System.nanoTime();
            CompletableFuture<FloatTensor> rejected = h.submit(sample(3, SMALL), Duration.ofMillis(200));
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(waitedMs).as("the submitter waited for a slot").isGreaterThanOrEqualTo(190);
            assertThatThrownBy(rejected::join).hasCauseInstanceOf(InferenceRejectedException.class);
            assertThat(h.metrics().rejections()).isEqualTo(1);

            // a third submit in another thread waits; freeing a slot lets it in
            CompletableFuture<CompletableFuture<FloatTensor>> waiting =
                    CompletableFuture.supplyAsync(() -> h.submit(sample(4, SMALL)));
            Thread.sleep(300);
            assertThat(waiting).as("blocked while two samples are in flight").isNotDone();
            a.cancel(false);
            CompletableFuture<FloatTensor> admitted = waiting.get(5, TimeUnit.SECONDS);
            assertThat(admitted).isNotDone();

            h.close();
            assertThatThrownBy(() -> admitted.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> b.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
            assertThat(h.metrics().runs()).isZero();
        }
    }

    @Test
    void equalOptionsShareOneSessionUntilTheLastHandleCloses() throws Exception {
        Path relative = TextImages.detModel();
        ModelOptions opts = base.withBatching(1, Duration.ZERO);
        ModelHandle first = service.open(opts);
        ModelHandle second = service.open(ModelOptions.of(relative.toAbsolutePath()).withThreads(1, 1)
                .withBatching(1, Duration.ZERO));
        assertThat(service.openSessions()).isEqualTo(1);
        assertThat(second.metrics()).isSameAs(first.metrics());

        first.close();
        first.close(); // a second close must not take the other user's reference
        assertThat(service.openSessions()).isEqualTo(1);
        assertThat(second.submit(sample(1, SMALL)).get(30, TimeUnit.SECONDS).shape()).containsExactly(1, 64, 128);
        assertThatThrownBy(() -> first.submit(sample(1, SMALL))).isInstanceOf(IllegalStateException.class);

        second.close();
        assertThat(service.openSessions()).isZero();

        try (ModelHandle again = service.open(opts)) {
            assertThat(again.metrics()).as("a fresh session after the last close").isNotSameAs(second.metrics());
            assertThat(again.metrics().runs()).isZero();
        }
    }

    @Test
    void cudaWithoutTheGpuBuildRunsOnCpuWithTheSameResults() throws Exception {
        FloatTensor in = sample(5, SMALL);
        try (CapturedLog log = new CapturedLog(InferenceService.class);
                ModelHandle cpu = service.open(base.withBatching(1, Duration.ZERO));
                ModelHandle cuda = service.open(base.withBatching(1, Duration.ZERO).withAccelerator(Accelerator.CUDA, 0))) {
            // the default build ships the CPU-only artifact, so the fallback is what runs here
            assertThat(cuda.executionProvider()).isEqualTo(Accelerator.CPU);
            List<String> cudaLines = log.lines().stream().filter(l -> l.contains("cuda")).toList();
            assertThat(cudaLines).hasSize(1);
            assertThat(cudaLines.get(0)).startsWith("WARN").contains("running on CPU", "onnxruntime_gpu",
                    "ch_PP-OCRv4_det_infer.onnx");
            assertThat(log.lines()).as("one line per loaded session").hasSize(2);
            assertThat(cuda.submit(in).get(30, TimeUnit.SECONDS).data())
                    .containsExactly(cpu.submit(in).get(30, TimeUnit.SECONDS).data());
        }
    }

    @Test
    void aModelThatIsNotThereFailsToOpen() {
        assertThatThrownBy(() -> service.open(ModelOptions.of(Path.of("no-such-model.onnx"))))
                .hasMessageContaining("no-such-model.onnx");
        assertThat(service.openSessions()).isZero();
    }
}
