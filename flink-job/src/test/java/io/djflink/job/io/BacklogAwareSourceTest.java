package io.djflink.job.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.junit.jupiter.api.Test;

/**
 * When readers learn that no split is left, against when the backlog ends: Flink's end-of-backlog
 * announcement must not find a reader's task that may have finished.
 */
class BacklogAwareSourceTest {

    /** What the wrapped context passed on to Flink's, in order. */
    private final List<String> calls = new ArrayList<>();

    @Test
    void batchReadersAreToldOnlyAfterTheBacklogEndsWhenAllHaveAsked() throws Exception {
        SplitEnumeratorContext<SourceSplit> ctx = wrapped(3, true);

        ctx.signalNoMoreSplits(2);
        ctx.signalNoMoreSplits(0);
        assertThat(calls).containsExactly("backlog true");

        ctx.signalNoMoreSplits(1);
        assertThat(calls).containsExactly("backlog true", "backlog false", "no more splits 2", "no more splits 0",
                "no more splits 1");

        // a reader whose task failed over asks again: told at once, no second announcement
        ctx.signalNoMoreSplits(0);
        assertThat(calls).endsWith("no more splits 1", "no more splits 0").hasSize(6);
    }

    @Test
    void streamingReadersAreToldAsTheyAskAndTheBacklogEndsOnlyWithOneReader() throws Exception {
        SplitEnumeratorContext<SourceSplit> two = wrapped(2, false);
        two.signalNoMoreSplits(1);
        two.signalNoMoreSplits(0);
        assertThat(calls).containsExactly("backlog true", "no more splits 1", "no more splits 0");

        calls.clear();
        SplitEnumeratorContext<SourceSplit> one = wrapped(1, false);
        one.signalNoMoreSplits(0);
        assertThat(calls).containsExactly("backlog true", "backlog false", "no more splits 0");
    }

    /** The context BacklogAwareSource hands its inner source's enumerator, over a recording one. */
    @SuppressWarnings("unchecked")
    private SplitEnumeratorContext<SourceSplit> wrapped(int parallelism, boolean holdIdleReaders) throws Exception {
        SplitEnumeratorContext<SourceSplit> flink = (SplitEnumeratorContext<SourceSplit>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {SplitEnumeratorContext.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "currentParallelism" -> parallelism;
                    case "setIsProcessingBacklog" -> {
                        calls.add("backlog " + args[0]);
                        yield null;
                    }
                    case "signalNoMoreSplits" -> {
                        calls.add("no more splits " + args[0]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        AtomicReference<SplitEnumeratorContext<SourceSplit>> seen = new AtomicReference<>();
        Source<Object, SourceSplit, Object> inner = (Source<Object, SourceSplit, Object>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Source.class}, (proxy, m, args) -> {
                    if (m.getName().equals("createEnumerator")) {
                        seen.set((SplitEnumeratorContext<SourceSplit>) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        new BacklogAwareSource<>(inner, holdIdleReaders).createEnumerator(flink);
        return seen.get();
    }
}
