package io.djflink.job.io;

import java.util.LinkedHashSet;
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
 * A bounded source that tells Flink it is processing backlog until every reader has asked for a
 * split when none is left. With {@code execution.checkpointing.interval-during-backlog} long and
 * {@code execution.checkpointing.interval} short, checkpoints stay rare while the input is read,
 * and the checkpoint that commits the file sinks at the end comes within the short interval
 * instead of up to a whole long one later.
 *
 * <p>Flink announces the end of the backlog to every reader's task, and an announcement that
 * reaches a task that has just finished is lost, which fails the job ("An OperatorEvent from an
 * OperatorCoordinator to a task was lost", the task in state FINISHED). A reader's task finishes
 * once it is told there are no more splits and a checkpoint completes, and the end of the backlog
 * brings that checkpoint at once. So readers that run out of splits first are not told until the
 * last one asks: the backlog ends while every reader is still running, and then all are told.
 * That holds idle readers back, which in streaming mode would hold back event time (a finished
 * reader ends its event time, an idle one does not); there readers are told as they run out and
 * the backlog ends only when a single reader reads everything, or with the job.
 */
public final class BacklogAwareSource<T, S extends SourceSplit, E> implements Source<T, S, E> {

    private final Source<T, S, E> inner;
    private final boolean holdIdleReaders;

    /**
     * @param holdIdleReaders tell readers there are no more splits only once all have asked
     *     (batch: nothing waits on a reader's end); otherwise as each asks (streaming)
     */
    public BacklogAwareSource(Source<T, S, E> inner, boolean holdIdleReaders) {
        this.inner = inner;
        this.holdIdleReaders = holdIdleReaders;
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
        return inner.createEnumerator(new Context<>(ctx, holdIdleReaders));
    }

    @Override
    public SplitEnumerator<S, E> restoreEnumerator(SplitEnumeratorContext<S> ctx, E checkpoint) throws Exception {
        return inner.restoreEnumerator(new Context<>(ctx, holdIdleReaders), checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<S> getSplitSerializer() {
        return inner.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<E> getEnumeratorCheckpointSerializer() {
        return inner.getEnumeratorCheckpointSerializer();
    }

    /** Passes everything through, except when readers learn that no split is left. */
    private static final class Context<S extends SourceSplit> implements SplitEnumeratorContext<S> {
        private final SplitEnumeratorContext<S> ctx;
        private final boolean holdIdleReaders;
        /** Readers held back after asking for a split when none was left, in the order they asked. */
        private final Set<Integer> outOfSplits = new LinkedHashSet<>();
        private boolean backlogOver;

        Context(SplitEnumeratorContext<S> ctx, boolean holdIdleReaders) {
            this.ctx = ctx;
            this.holdIdleReaders = holdIdleReaders;
            ctx.setIsProcessingBacklog(true);
        }

        @Override
        public void signalNoMoreSplits(int subtask) {
            if (backlogOver) {
                // a reader restarted after the end (its task failed over) asks again
                ctx.signalNoMoreSplits(subtask);
                return;
            }
            if (!holdIdleReaders) {
                if (ctx.currentParallelism() == 1) {
                    // the only reader is told after the announcement, so it is still running
                    endBacklog();
                }
                ctx.signalNoMoreSplits(subtask);
                return;
            }
            outOfSplits.add(subtask);
            if (outOfSplits.size() >= ctx.currentParallelism()) {
                endBacklog();
                outOfSplits.forEach(ctx::signalNoMoreSplits);
            }
        }

        private void endBacklog() {
            backlogOver = true;
            ctx.setIsProcessingBacklog(false);
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
