package io.djflink.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.ops.Sample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

class ExactDedupFunctionTest {

    private static final OutputTag<String> TRACE = new OutputTag<>("trace", Types.STRING);

    @Test
    void earliestModeKeepsTheEarliestRecordWhateverTheArrivalOrder() throws Exception {
        try (var h = harness(ExactDedupFunction.Mode.EARLIEST)) {
            h.open();
            h.processElement(rec(0, 9, "a", "late copy"), 0);
            h.processElement(rec(0, 2, "a", "early"), 0);
            h.processElement(rec(0, 5, "a", "middle copy"), 0);
            h.processElement(rec(1, 0, "b", "other"), 0);
            assertThat(texts(h)).isEmpty();
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(texts(h)).containsExactlyInAnyOrder("early", "other");
            assertThat(h.getSideOutput(TRACE)).hasSize(2);
        }
    }

    @Test
    void firstArrivalModeReleasesAtOnceAndDropsLaterCopies() throws Exception {
        try (var h = harness(ExactDedupFunction.Mode.FIRST_ARRIVAL)) {
            h.open();
            h.processElement(rec(0, 9, "a", "first to arrive"), 0);
            h.processElement(rec(0, 2, "a", "copy"), 0);
            assertThat(texts(h)).containsExactly("first to arrive");
        }
    }

    @Test
    void dedupStateSurvivesASnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(ExactDedupFunction.Mode.FIRST_ARRIVAL)) {
            h.open();
            h.processElement(rec(0, 1, "a", "one"), 0);
            h.processElement(rec(0, 2, "b", "two"), 0);
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(ExactDedupFunction.Mode.FIRST_ARRIVAL)) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(rec(0, 3, "a", "copy of one after restore"), 0);
            h.processElement(rec(0, 4, "c", "three"), 0);
            assertThat(texts(h)).containsExactly("three");
        }
    }

    @Test
    void earliestModeKeepsPendingSurvivorsAcrossRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(ExactDedupFunction.Mode.EARLIEST)) {
            h.open();
            h.processElement(rec(0, 5, "a", "later"), 0);
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(ExactDedupFunction.Mode.EARLIEST)) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(rec(0, 1, "a", "earlier"), 0);
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(texts(h)).containsExactly("earlier");
        }
    }

    @Test
    void eventTimeModeKeepsTheSameSurvivorsWhateverTheArrivalOrderWithinTheWatermark() throws Exception {
        for (int seed = 0; seed < 5; seed++) {
            List<Timed> stream = randomStream(new Random(seed), 300);
            Set<String> inOrder = runEventTime(stream, new Random(seed), false);
            Set<String> shuffled = runEventTime(stream, new Random(seed), true);
            assertThat(shuffled).as("seed %d", seed).isEqualTo(inOrder).isEqualTo(earliestPerKey(stream));
        }
    }

    @Test
    void eventTimeModeBreaksEventTimeTiesByIngestionOrder() throws Exception {
        try (var h = harness(ExactDedupFunction.Mode.EVENT_TIME, null)) {
            h.open();
            h.processElement(rec(1, 0, "a", "second file"), 100);
            h.processElement(rec(0, 7, "a", "first file"), 100);
            h.processWatermark(new Watermark(100));
            assertThat(texts(h)).containsExactly("first file");
            assertThat(h.getSideOutput(TRACE)).singleElement().asString().contains("second file");
        }
    }

    @Test
    void eventTimeModeWaitsForTheWatermark() throws Exception {
        try (var h = harness(ExactDedupFunction.Mode.EVENT_TIME, null)) {
            h.open();
            h.processElement(rec(0, 1, "a", "at 50"), 50);
            h.processWatermark(new Watermark(49));
            assertThat(texts(h)).isEmpty();
            h.processWatermark(new Watermark(50));
            assertThat(texts(h)).containsExactly("at 50");
        }
    }

    @Test
    void aLateSampleIsDecidedAtOnceAgainstWhatWasSeenAndCounted() throws Exception {
        ExactDedupFunction fn = new ExactDedupFunction("02-document_deduplicator", ExactDedupFunction.Mode.EVENT_TIME,
                null, TRACE, "duplicate-x", 10);
        try (var h = harness(fn)) {
            h.open();
            h.processElement(rec(0, 5, "a", "on time"), 100);
            h.processWatermark(new Watermark(200));
            // behind the watermark: decided on arrival, so it loses to the later copy already released
            h.processElement(rec(0, 1, "a", "late copy"), 50);
            h.processElement(rec(0, 2, "b", "late, new"), 60);
            assertThat(texts(h)).containsExactly("on time", "late, new");
            assertThat(fn.finalCounts()).containsEntry("op.02-document_deduplicator.late", 2L)
                    .containsEntry("op.02-document_deduplicator.kept", 2L)
                    .containsEntry("op.02-document_deduplicator.duplicates", 1L);
        }
    }

    @Test
    void anExpiredSurvivorLetsALaterCopyThrough() throws Exception {
        try (var h = harness(ExactDedupFunction.Mode.EVENT_TIME, Duration.ofMinutes(10))) {
            h.open();
            h.setStateTtlProcessingTime(0);
            h.processElement(rec(0, 1, "a", "original"), 10);
            h.processWatermark(new Watermark(10));
            h.setStateTtlProcessingTime(Duration.ofMinutes(9).toMillis());
            h.processElement(rec(0, 2, "a", "copy within the ttl"), 20);
            h.processWatermark(new Watermark(20));
            h.setStateTtlProcessingTime(Duration.ofMinutes(21).toMillis());
            h.processElement(rec(0, 3, "a", "copy after expiry"), 30);
            h.processElement(rec(0, 4, "a", "second copy after expiry"), 31);
            h.processWatermark(new Watermark(40));
            assertThat(texts(h)).containsExactly("original", "copy after expiry");
        }
    }

    @Test
    void eventTimeDecisionsSurviveASnapshotAndRestoreMidStream() throws Exception {
        List<Timed> stream = randomStream(new Random(7), 300);
        Set<String> uninterrupted = runEventTime(stream, new Random(7), true);
        List<Timed> arrival = arrivalOrder(stream, new Random(7), true);
        int cut = arrival.size() / 2;
        Set<String> kept = new LinkedHashSet<>();
        OperatorSubtaskState snapshot;
        try (var h = harness(ExactDedupFunction.Mode.EVENT_TIME, null)) {
            h.open();
            feed(h, arrival.subList(0, cut));
            snapshot = h.snapshot(1L, 1L);
            kept.addAll(texts(h));
        }
        try (var h = harness(ExactDedupFunction.Mode.EVENT_TIME, null)) {
            h.initializeState(snapshot);
            h.open();
            feed(h, arrival.subList(cut, arrival.size()));
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            kept.addAll(texts(h));
        }
        assertThat(kept).isEqualTo(uninterrupted);
    }

    /** A record with its event time; arrival is shuffled within windows of {@link #WINDOW} ms. */
    private record Timed(long ts, SampleRecord rec) {}

    private static final long WINDOW = 10;

    private static List<Timed> randomStream(Random rnd, int n) {
        List<Timed> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int source = rnd.nextInt(3);
            out.add(new Timed(rnd.nextInt(100), rec(source, i, "k" + rnd.nextInt(25), "s" + source + ":" + i)));
        }
        return out;
    }

    /** Watermarks close each window; within a window records come in event-time order or shuffled. */
    private static List<Timed> arrivalOrder(List<Timed> stream, Random rnd, boolean shuffle) {
        List<Timed> sorted = new ArrayList<>(stream);
        sorted.sort(Comparator.comparingLong(Timed::ts).thenComparingLong(t -> t.rec().order()));
        List<Timed> out = new ArrayList<>();
        for (long w = 0; w < 100; w += WINDOW) {
            long lo = w;
            List<Timed> window = new ArrayList<>(sorted.stream().filter(t -> t.ts() >= lo && t.ts() < lo + WINDOW).toList());
            if (shuffle) {
                Collections.shuffle(window, rnd);
            }
            out.addAll(window);
            out.add(new Timed(lo + WINDOW - 1, null));
        }
        return out;
    }

    private static void feed(KeyedOneInputStreamOperatorTestHarness<String, SampleRecord, SampleRecord> h, List<Timed> arrival)
            throws Exception {
        for (Timed t : arrival) {
            if (t.rec() == null) {
                h.processWatermark(new Watermark(t.ts()));
            } else {
                SampleRecord r = t.rec();
                h.processElement(new SampleRecord(r.source, r.position, r.key, Sample.ofText("text", r.sample().text("text"))), t.ts());
            }
        }
    }

    private static Set<String> runEventTime(List<Timed> stream, Random rnd, boolean shuffle) throws Exception {
        try (var h = harness(ExactDedupFunction.Mode.EVENT_TIME, null)) {
            h.open();
            feed(h, arrivalOrder(stream, rnd, shuffle));
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            return new LinkedHashSet<>(texts(h));
        }
    }

    /** The reference: per key, the first record by event time, then ingestion order. */
    private static Set<String> earliestPerKey(List<Timed> stream) {
        Map<String, Timed> first = new HashMap<>();
        for (Timed t : stream) {
            first.merge(t.rec().key, t, (a, b) -> a.ts() != b.ts() ? (a.ts() < b.ts() ? a : b)
                    : (a.rec().order() < b.rec().order() ? a : b));
        }
        List<Timed> kept = new ArrayList<>(first.values());
        kept.sort(Comparator.comparingLong(Timed::ts).thenComparingLong(t -> t.rec().order()));
        Set<String> out = new LinkedHashSet<>();
        kept.forEach(t -> out.add(t.rec().sample().text("text")));
        return out;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, SampleRecord, SampleRecord> harness(ExactDedupFunction.Mode mode)
            throws Exception {
        return harness(mode, null);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, SampleRecord, SampleRecord> harness(ExactDedupFunction.Mode mode,
            Duration ttl) throws Exception {
        return harness(new ExactDedupFunction("02-document_deduplicator", mode, ttl, TRACE, "duplicate-x", 10));
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, SampleRecord, SampleRecord> harness(ExactDedupFunction fn)
            throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(fn), r -> r.key, Types.STRING);
        h.setStateBackend(new EmbeddedRocksDBStateBackend());
        return h;
    }

    private static SampleRecord rec(int source, long pos, String key, String text) {
        return new SampleRecord(source, pos, key, Sample.ofText("text", text));
    }

    private static List<String> texts(KeyedOneInputStreamOperatorTestHarness<String, SampleRecord, SampleRecord> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord) {
                out.add(((SampleRecord) ((StreamRecord<?>) o).getValue()).sample().text("text"));
            }
        }
        return out;
    }
}
