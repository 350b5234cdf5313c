package io.djflink.job.io;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;

/**
 * A bounded source that tells Flink it is processing backlog until every reader has been told
 * there are no more splits. With {@code execution.checkpointing.interval-during-backlog} long and
 * {@code execution.checkpointing.interval} short, checkpoints stay rare while the input is read,
 * and the checkpoint that commits the file sinks at the end comes within the short interval
 * instead of up to a whole long one later.
 */
public final class BacklogAwareSource<T, S extends SourceSplit, E> implements Source<T, S, E> {

    private final Source<T, S, E> inner;

    public BacklogAwareSource(Source<T, S, E> inner) {
        this.inner = inner;
    }

    @Override
    public Boundedness getBoundedness() {
        return inner.getBoundedness();
    }

    @Override
    public SourceReader<T, S> createReader(SourceReaderContext readerContext) throws Exception {
        return inner.createReader(readerContext);
    }

    @Override
    public SplitEnumerator<S, E> createEnumerator(SplitEnumeratorContext<S> ctx) throws Exception {
        return inner.createEnumerator(new Context<>(ctx));
    }

    @Override
    public SplitEnumerator<S, E> restoreEnumerator(SplitEnumeratorContext<S> ctx, E checkpoint) throws Exception {
        return inner.restoreEnumerator(new Context<>(ctx), checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<S> getSplitSerializer() {
        return inner.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<E> getEnumeratorCheckpointSerializer() {
        return inner.getEnumeratorCheckpointSerializer();
    }

    /** Passes everything through and watches for the end of split assignment. */
    private static final class Context<S extends SourceSplit> implements SplitEnumeratorContext<S> {
        private final SplitEnumeratorContext<S> ctx;
        private final Set<Integer> done = new HashSet<>();

        Context(SplitEnumeratorContext<S> ctx) {
            this.ctx = ctx;
            ctx.setIsProcessingBacklog(true);
        }

        @Override
        public void signalNoMoreSplits(int subtask) {
            ctx.signalNoMoreSplits(subtask);
            done.add(subtask);
            if (done.size() >= ctx.currentParallelism()) {
                ctx.setIsProcessingBacklog(false);
            }
        }

        @Override
        public SplitEnumeratorMetricGroup metricGroup() {
            return ctx.metricGroup();
        }

        @Override
        public void sendEventToSourceReader(int subtaskId, SourceEvent event) {
            ctx.sendEventToSourceReader(subtaskId, event);
        }

        @Override
        public void sendEventToSourceReader(int subtaskId, int attemptNumber, SourceEvent event) {
            ctx.sendEventToSourceReader(subtaskId, attemptNumber, event);
        }

        @Override
        public int currentParallelism() {
            return ctx.currentParallelism();
        }

        @Override
        public Map<Integer, ReaderInfo> registeredReaders() {
            return ctx.registeredReaders();
        }

        @Override
        public Map<Integer, Map<Integer, ReaderInfo>> registeredReadersOfAttempts() {
            return ctx.registeredReadersOfAttempts();
        }

        @Override
        public void assignSplits(SplitsAssignment<S> newSplitAssignments) {
            ctx.assignSplits(newSplitAssignments);
        }

        @Override
        public <R> void callAsync(Callable<R> callable, BiConsumer<R, Throwable> handler) {
            ctx.callAsync(callable, handler);
        }

        @Override
        public <R> void callAsync(Callable<R> callable, BiConsumer<R, Throwable> handler, long initialDelay, long period) {
            ctx.callAsync(callable, handler, initialDelay, period);
        }

        @Override
        public void runInCoordinatorThread(Runnable runnable) {
            ctx.runInCoordinatorThread(runnable);
        }

        @Override
        public void setIsProcessingBacklog(boolean isProcessingBacklog) {
            ctx.setIsProcessingBacklog(isProcessingBacklog);
        }
    }
}
