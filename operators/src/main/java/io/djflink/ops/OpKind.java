package io.djflink.ops;

/** Data-Juicer's op categories; the planner places each kind differently. */
public enum OpKind {
    MAPPER,
    FILTER,
    DEDUPLICATOR,
    SELECTOR,
    GROUPER,
    AGGREGATOR;

    public String label() {
        return name().toLowerCase();
    }
}
