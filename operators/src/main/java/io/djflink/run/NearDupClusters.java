package io.djflink.run;

import io.djflink.ops.BandKey;
import io.djflink.ops.NearDeduplicator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Data-Juicer's batch decision for a near-deduplicator: samples are linked when they share a
 * candidate key and {@link NearDeduplicator#isDuplicate} confirms the pair; in each connected
 * component only the sample with the smallest input position survives. Samples are added in
 * increasing position; the decision is known once the whole batch is in.
 *
 * <p>The union-find keeps the smallest member as the root of every component (a union points the
 * larger root at the smaller), so {@link #root} is the survivor directly.
 */
public final class NearDupClusters {

    /** The distinct signatures seen under one candidate key, each with its first sample. */
    private static final class Bucket {
        final List<long[]> signatures = new ArrayList<>(1);
        int[] members = new int[1];
    }

    private final NearDeduplicator op;
    private final Map<BandKey, Bucket> buckets = new HashMap<>();
    private long[] positions = new long[1024];
    private int[] parent = new int[1024];
    private int size;

    public NearDupClusters(NearDeduplicator op) {
        this.op = op;
    }

    /**
     * Adds the sample at {@code position} (greater than every position added before) with its
     * signature, linking it to every earlier sample it is a confirmed duplicate of.
     */
    public void add(long position, long[] signature) {
        if (size > 0 && position <= positions[size - 1]) {
            throw new IllegalArgumentException("positions must increase: " + position + " after " + positions[size - 1]);
        }
        if (size == parent.length) {
            parent = Arrays.copyOf(parent, size * 2);
            positions = Arrays.copyOf(positions, size * 2);
        }
        int id = size++;
        parent[id] = id;
        positions[id] = position;
        for (BandKey key : op.candidateKeys(signature)) {
            Bucket b = buckets.computeIfAbsent(key, k -> new Bucket());
            boolean seen = false;
            List<long[]> sigs = b.signatures;
            for (int i = 0; i < sigs.size(); i++) {
                long[] other = sigs.get(i);
                int member = b.members[i];
                boolean same = Arrays.equals(other, signature);
                seen |= same;
                // skip the pair check when already linked: it cannot change the components
                if (find(member) != find(id) && (same || op.isDuplicate(other, signature))) {
                    union(member, id);
                }
            }
            // an equal signature is represented by its first sample already: every later pair
            // check against it would give the same answer
            if (!seen) {
                if (b.members.length == sigs.size()) {
                    b.members = Arrays.copyOf(b.members, sigs.size() * 2);
                }
                b.members[sigs.size()] = id;
                sigs.add(signature);
            }
        }
    }

    /** The position of the survivor of the sample added at {@code position}. */
    public long survivor(long position) {
        int id = Arrays.binarySearch(positions, 0, size, position);
        if (id < 0) {
            throw new IllegalArgumentException("position " + position + " was not added");
        }
        return positions[find(id)];
    }

    /** Whether the sample added at {@code position} survives (it is the first of its component). */
    public boolean survives(long position) {
        return survivor(position) == position;
    }

    /** Samples added so far. */
    public int size() {
        return size;
    }

    private int find(int x) {
        int root = x;
        while (parent[root] != root) {
            root = parent[root];
        }
        while (parent[x] != root) {
            int next = parent[x];
            parent[x] = root;
            x = next;
        }
        return root;
    }

    private void union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra < rb) {
            parent[rb] = ra;
        } else if (rb < ra) {
            parent[ra] = rb;
        }
    }
}
