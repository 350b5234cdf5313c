package io.djflink.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.ops.BandKey;
import io.djflink.recipe.OpConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class BucketOperatorTest {

    /** Sharing a band is an edge: buckets keep their earliest member. */
    private static final OpConfig MINHASH = new OpConfig("document_minhash_deduplicator", Map.of(), 3, 0, Map.of());
    /** Pairs are checked (SimHash within 4 bits) when the input ends. */
    private static final OpConfig SIMHASH = new OpConfig("document_simhash_deduplicator", Map.of(), 3, 0, Map.of());

    private static final BandKey K = new BandKey(0, 1);

    @Test
    void membersArrivingInAnyOrderLinkIntoTheComponentsOfTheirBuckets() throws Exception {
        Random rnd = new Random(17);
        List<BandMember> members = new ArrayList<>();
        Map<BandKey, List<Long>> buckets = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            long order = SampleRecord.order(rnd.nextInt(3), i);
            // three keys of 250, so that buckets have from one to a dozen members
            for (int k = 0; k < 3; k++) {
                BandKey key = new BandKey(k, rnd.nextInt(250));
                members.add(new BandMember(key, order, "d" + order, null, 3));
                buckets.computeIfAbsent(key, x -> new ArrayList<>()).add(order);
            }
        }
        // what the end-of-input scan over bucket lists did: every member linked to its bucket's earliest
        UnionFind reference = new UnionFind();
        int distinctPerBucket = 0;
        for (List<Long> orders : buckets.values()) {
            long earliest = Collections.min(orders);
            orders.forEach(o -> reference.union(earliest, o));
            distinctPerBucket += (int) orders.stream().distinct().count() - 1;
        }
        for (int round = 0; round < 4; round++) {
            Collections.shuffle(members, rnd);
            List<NearDupEdge> edges = run(MINHASH, members);
            UnionFind linked = new UnionFind();
            for (NearDupEdge e : edges) {
                assertThat(e.a).isLessThan(e.b);
                assertThat(e.aId).isEqualTo("d" + e.a);
                assertThat(e.bId).isEqualTo("d" + e.b);
                linked.union(e.a, e.b);
            }
            assertThat(edges).hasSize(distinctPerBucket);
            assertThat(linked.survivors(members)).isEqualTo(reference.survivors(members));
        }
    }

    @Test
    void aSampleWithTheSameKeyTwiceIsNotLinkedToItself() throws Exception {
        List<NearDupEdge> edges = run(MINHASH, List.of(member(K, 5), member(K, 5), member(K, 9), member(K, 5), member(K, 3),
                member(K, 3), member(new BandKey(0, 2), 7), member(new BandKey(0, 2), 7)));
        assertThat(edges).extracting(e -> e.a + "-" + e.b).containsExactly("5-9", "3-5");
    }

    @Test
    void theFinalWatermarkWaitsForTheEndOfInputAndFollowsEveryLink() throws Exception {
        for (OpConfig op : List.of(MINHASH, SIMHASH)) {
            try (var h = harness(op)) {
                h.open();
                h.processElement(member(K, 2), 0);
                h.processElement(member(K, 1), 0);
                h.processWatermark(new Watermark(Long.MAX_VALUE));
                assertThat(h.getOutput()).as(op.name()).noneMatch(o -> o instanceof Watermark);
                h.endInput();
                List<Object> out = new ArrayList<>(h.getOutput());
                assertThat(out).as(op.name()).hasSize(2);
                assertThat(out.get(0)).isInstanceOf(StreamRecord.class);
                assertThat(out.get(1)).isEqualTo(new Watermark(Long.MAX_VALUE));
            }
        }
    }

    @Test
    void pairCheckingBucketsLinkConfirmedPairsWhenTheInputEnds() throws Exception {
        try (var h = harness(SIMHASH)) {
            h.open();
            // 1 and 2 differ in 8 bits, 3 is within 4 bits of both
            h.processElement(new BandMember(K, 3, "c", new long[] {0x0FL}, 1), 0);
            h.processElement(new BandMember(K, 1, "a", new long[] {0x00L}, 1), 0);
            h.processElement(new BandMember(K, 2, "b", new long[] {0xFFL}, 1), 0);
            assertThat(edges(h)).isEmpty();
            h.endInput();
            assertThat(edges(h)).extracting(e -> e.aId + "-" + e.bId + " " + e.similarity)
                    .containsExactly("a-c " + (1 - 4 / 64.0), "b-c " + (1 - 4 / 64.0));
        }
    }

    @Test
    void aRestoredBucketStillKnowsItsEarliestMember() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(MINHASH)) {
            h.open();
            h.processElement(member(K, 5), 0);
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(MINHASH)) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(member(K, 8), 0);
            h.processElement(member(K, 3), 0);
            h.processElement(member(K, 4), 0);
            h.endInput();
            assertThat(edges(h)).extracting(e -> e.a + "-" + e.b).containsExactly("5-8", "3-5", "3-4");
        }
    }

    /** A member with SimHash 0 (MinHash buckets ignore signatures). */
    private static BandMember member(BandKey key, long order) {
        return new BandMember(key, order, "d" + order, new long[] {0}, 1);
    }

    private static List<NearDupEdge> run(OpConfig op, List<BandMember> arrival) throws Exception {
        try (var h = harness(op)) {
            h.open();
            for (BandMember m : arrival) {
                h.processElement(m, 0);
            }
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            h.endInput();
            return edges(h);
        }
    }

    private static List<NearDupEdge> edges(KeyedOneInputStreamOperatorTestHarness<BandKey, BandMember, NearDupEdge> h) {
        List<NearDupEdge> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                out.add((NearDupEdge) r.getValue());
            }
        }
        return out;
    }

    private static KeyedOneInputStreamOperatorTestHarness<BandKey, BandMember, NearDupEdge> harness(OpConfig op) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new BucketOperator(op), (BandMember m) -> m.key, BandKeySerializer.TYPE);
        h.setStateBackend(new EmbeddedRocksDBStateBackend());
        return h;
    }

    /** Orders linked into components; the survivor of each is its smallest order. */
    private static final class UnionFind {
        private final Map<Long, Long> parent = new HashMap<>();

        long find(long x) {
            long p = parent.getOrDefault(x, x);
            if (p == x) {
                return x;
            }
            long root = find(p);
            parent.put(x, root);
            return root;
        }

        void union(long a, long b) {
            long ra = find(a);
            long rb = find(b);
            parent.put(Math.max(ra, rb), Math.min(ra, rb));
        }

        Map<Long, Long> survivors(List<BandMember> members) {
            Map<Long, Long> out = new TreeMap<>();
            members.forEach(m -> out.put(m.order, find(m.order)));
            return out;
        }
    }
}
