package io.djflink.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.ops.BandKey;
import io.djflink.recipe.OpConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class StreamingBucketFunctionTest {

    /** Sharing a band is a duplicate: the bucket needs no signatures. */
    private static final OpConfig MINHASH = new OpConfig("document_minhash_deduplicator", Map.of(), 3, 0, Map.of());
    /** Pairs are checked: SimHash within 4 bits. */
    private static final OpConfig SIMHASH = new OpConfig("document_simhash_deduplicator", Map.of(), 3, 0, Map.of());

    @Test
    void theEarliestMemberByEventTimeThenOrderIsNotADuplicateWhateverTheArrivalOrder() throws Exception {
        Random rnd = new Random(3);
        List<long[]> members = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // {event time, order}; three sources interleaved, ties in event time on purpose
            members.add(new long[] {rnd.nextInt(30), SampleRecord.order(rnd.nextInt(3), i)});
        }
        Map<Long, String> inOrder = answers(MINHASH, members, false, rnd);
        long earliest = members.stream().min((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]))
                .orElseThrow()[1];
        for (int round = 0; round < 5; round++) {
            assertThat(answers(MINHASH, members, true, rnd)).isEqualTo(inOrder);
        }
        inOrder.forEach((order, answer) -> assertThat(answer).isEqualTo(order == earliest ? "unique" : "dup of " + earliest));
    }

    @Test
    void aSampleWhoseOnlyNearDuplicatesAreLaterIsKept() throws Exception {
        try (var h = harness(SIMHASH, null)) {
            h.open();
            // A and B differ in 8 bits; C is within 4 bits of both: batch would drop B with C
            h.processElement(member(3, 0x0FL), 30);
            h.processElement(member(2, 0xFFL), 20);
            h.processElement(member(1, 0x00L), 10);
            h.processWatermark(new Watermark(30));
            assertThat(answers(h)).containsExactly("1 unique", "2 unique", "3 dup of 1");
            assertThat(out(h).get(2).similarity).isEqualTo(1.0 - 4 / 64.0);
        }
    }

    @Test
    void aLateMemberIsAnsweredAtOnceAgainstTheMembersSeen() throws Exception {
        try (var h = harness(MINHASH, null)) {
            h.open();
            h.processElement(member(5, 0), 100);
            h.processWatermark(new Watermark(200));
            h.processElement(member(1, 0), 50);
            assertThat(answers(h)).containsExactly("5 unique", "1 dup of 5");
            assertThat(out(h).get(0).late).isFalse();
            assertThat(out(h).get(1).late).isTrue();
        }
    }

    @Test
    void anExpiredMemberNoLongerMakesLaterOnesDuplicates() throws Exception {
        for (OpConfig op : List.of(MINHASH, SIMHASH)) {
            try (var h = harness(op, Duration.ofHours(1))) {
                h.open();
                h.setStateTtlProcessingTime(0);
                h.processElement(member(1, 0), 10);
                h.processWatermark(new Watermark(10));
                h.setStateTtlProcessingTime(Duration.ofMinutes(59).toMillis());
                h.processElement(member(2, 0), 20);
                h.processWatermark(new Watermark(20));
                h.setStateTtlProcessingTime(Duration.ofMinutes(121).toMillis());
                h.processElement(member(3, 0), 30);
                h.processWatermark(new Watermark(30));
                assertThat(answers(h)).as(op.name()).containsExactly("1 unique", "2 dup of 1", "3 unique");
            }
        }
    }

    @Test
    void waitingAndRememberedMembersSurviveASnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        List<String> before;
        try (var h = harness(SIMHASH, null)) {
            h.open();
            h.processElement(member(2, 0x01L), 20);
            h.processElement(member(1, 0x00L), 10);
            h.processWatermark(new Watermark(10));
            before = answers(h);
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(SIMHASH, null)) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(member(3, 0xFF000L), 15);
            h.processWatermark(new Watermark(30));
            assertThat(before).containsExactly("1 unique");
            assertThat(answers(h)).containsExactly("3 unique", "2 dup of 1");
        }
    }

    @Test
    void aSampleWithoutKeysIsAnsweredAtOnceWithoutState() throws Exception {
        try (var h = harness(MINHASH, null)) {
            h.open();
            h.processElement(new BandMember(ToBandMembers.NO_KEYS, 9, "x", null, 0), 100);
            assertThat(answers(h)).containsExactly("9 unique");
            assertThat(out(h).get(0).count).isEqualTo(1);
            for (String state : List.of("waiting", "earliest")) {
                try (var keys = ((AbstractStreamOperator<?>) h.getOperator()).getKeyedStateBackend()
                        .getKeys(state, VoidNamespace.INSTANCE)) {
                    assertThat(keys).as(state).isEmpty();
                }
            }
        }
    }

    private static Map<Long, String> answers(OpConfig op, List<long[]> members, boolean shuffle, Random rnd) throws Exception {
        List<long[]> arrival = new ArrayList<>();
        try (var h = harness(op, null)) {
            h.open();
            for (long w = 0; w < 30; w += 5) {
                long lo = w;
                List<long[]> window = new ArrayList<>(members.stream().filter(m -> m[0] >= lo && m[0] < lo + 5).toList());
                if (shuffle) {
                    Collections.shuffle(window, rnd);
                }
                for (long[] m : window) {
                    h.processElement(member(m[1], 0), m[0]);
                    arrival.add(m);
                }
                h.processWatermark(new Watermark(lo + 4));
            }
            assertThat(arrival).hasSameSizeAs(members);
            Map<Long, String> out = new TreeMap<>();
            for (NearDupAnswer a : out(h)) {
                out.put(a.order, a.duplicate ? "dup of " + a.survivor : "unique");
            }
            return out;
        }
    }

    private static final BandKey KEY = new BandKey(0, 42);

    private static BandMember member(long order, long simhash) {
        return new BandMember(KEY, order, "id" + order, new long[] {simhash}, 1);
    }

    private static KeyedOneInputStreamOperatorTestHarness<BandKey, BandMember, NearDupAnswer> harness(OpConfig op, Duration ttl)
            throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new StreamingBucketFunction(op, ttl)),
                (BandMember m) -> m.key, BandKeySerializer.TYPE);
        h.setStateBackend(new EmbeddedRocksDBStateBackend());
        return h;
    }

    private static List<NearDupAnswer> out(KeyedOneInputStreamOperatorTestHarness<BandKey, BandMember, NearDupAnswer> h) {
        List<NearDupAnswer> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord) {
                out.add((NearDupAnswer) ((StreamRecord<?>) o).getValue());
            }
        }
        return out;
    }

    private static List<String> answers(KeyedOneInputStreamOperatorTestHarness<BandKey, BandMember, NearDupAnswer> h) {
        return out(h).stream().map(a -> a.order + (a.duplicate ? " dup of " + a.survivor : " unique")).toList();
    }
}
