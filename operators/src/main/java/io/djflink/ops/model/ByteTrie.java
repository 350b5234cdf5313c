package io.djflink.ops.model;

import java.util.Arrays;

/**
 * A trie over byte strings with an int value per key, its edges in one open-addressing table
 * keyed by (node, byte): no object per node, one probe per byte when walking a text.
 */
final class ByteTrie {

    static final int ROOT = 0;

    /** Edge keys {@code node * 256 + byte + 1} (0 = empty slot) and the child each leads to. */
    private long[] keys;
    private int[] children;
    private int mask;
    private int edges;
    private int[] values = new int[64];
    private int nodes = 1;
    /** The root's children by byte (-1: none), the one level every walk starts from. */
    private final int[] rootChildren = new int[256];

    ByteTrie(int expectedEdges) {
        int cap = Integer.highestOneBit(Math.max(16, expectedEdges * 2 - 1)) << 1;
        keys = new long[cap];
        children = new int[cap];
        mask = cap - 1;
        Arrays.fill(values, -1);
        Arrays.fill(rootChildren, -1);
    }

    /** Adds {@code key} with {@code value}; false (and no change) when the key is already there. */
    boolean put(byte[] key, int value) {
        int node = ROOT;
        for (byte b : key) {
            int c = child(node, b);
            if (c < 0) {
                c = addNode();
                addEdge(node, b, c);
            }
            node = c;
        }
        if (values[node] >= 0) {
            return false;
        }
        values[node] = value;
        return true;
    }

    /** The value of {@code s[from, to)}, or -1. */
    int get(byte[] s, int from, int to) {
        int node = ROOT;
        for (int i = from; i < to && node >= 0; i++) {
            node = child(node, s[i]);
        }
        return node < 0 ? -1 : values[node];
    }

    /** The child of {@code node} along byte {@code b}, or -1. */
    int child(int node, byte b) {
        if (node == ROOT) {
            return rootChildren[b & 0xFF];
        }
        long key = ((long) node << 8) + (b & 0xFF) + 1;
        int i = hash(key) & mask;
        long k;
        while ((k = keys[i]) != 0) {
            if (k == key) {
                return children[i];
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /** The value stored at {@code node} (a key ends there), or -1. */
    int value(int node) {
        return values[node];
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32);
    }

    private int addNode() {
        if (nodes == values.length) {
            int old = values.length;
            values = Arrays.copyOf(values, old * 2);
            Arrays.fill(values, old, values.length, -1);
        }
        return nodes++;
    }

    private void addEdge(int node, byte b, int child) {
        if (node == ROOT) {
            rootChildren[b & 0xFF] = child;
            return;
        }
        if ((edges + 1) * 2 > keys.length) {
            grow();
        }
        long key = ((long) node << 8) + (b & 0xFF) + 1;
        int i = hash(key) & mask;
        while (keys[i] != 0) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        children[i] = child;
        edges++;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldChildren = children;
        keys = new long[oldKeys.length * 2];
        children = new int[oldKeys.length * 2];
        mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            long key = oldKeys[j];
            if (key != 0) {
                int i = hash(key) & mask;
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = key;
                children[i] = oldChildren[j];
            }
        }
    }
}
