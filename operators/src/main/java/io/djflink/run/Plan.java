package io.djflink.run;

import io.djflink.ops.AsyncOp;
import io.djflink.ops.Filter;
import io.djflink.ops.Mapper;
import io.djflink.ops.NearDeduplicator;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.OpRegistry;
import io.djflink.recipe.OpConfig;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The stages of a recipe: runs of consecutive mappers and filters fused into one chain, each run
 * ended by the deduplicator that follows it (whose signature the chain computes last, so the
 * keyed stage receives samples already keyed). The final segment has no deduplicator. A segment
 * ended by a near-deduplicator is marked {@link Segment#near()}.
 *
 * <p>An {@link AsyncOp} (an op waiting on a remote model) gets a segment of its own,
 * {@link Segment#async()}, which the job runs with many samples in flight; the ops before and after
 * it stay fused. Planned with {@code asyncStages} false, an async op that is also a plain mapper or
 * filter runs inline in its chain, blocking on each sample (the in-process runner, and the
 * baseline the async stage is measured against).
 */
public final class Plan implements Serializable {

    /**
     * One fused chain and the deduplicator after it.
     *
     * @param chain mappers and filters in recipe order (may be empty)
     * @param dedup the deduplicator ending the segment, or {@code null} for the last segment
     * @param near whether that deduplicator is a {@link NearDeduplicator} (signature, candidate
     *     keys and pair check; survivors known only once the whole input is in) rather than an
     *     exact one (one string key; first occurrence survives as it streams)
     */
    public record Segment(List<OpConfig> chain, OpConfig dedup, boolean near, OpConfig async) implements Serializable {
        public Segment {
            chain = List.copyOf(chain);
            if (near && dedup == null) {
                throw new IllegalArgumentException("a near-dedup segment needs its deduplicator");
            }
            if (async != null && (!chain.isEmpty() || dedup != null)) {
                throw new IllegalArgumentException("an async segment holds its op alone");
            }
        }

        /** A segment of fused ops ended by a deduplicator (or none). */
        public Segment(List<OpConfig> chain, OpConfig dedup, boolean near) {
            this(chain, dedup, near, null);
        }

        /** The segment of one async op. */
        public static Segment async(OpConfig op) {
            return new Segment(List.of(), null, false, op);
        }

        /** A segment ended by an exact deduplicator, or the last segment. */
        public Segment(List<OpConfig> chain, OpConfig dedup) {
            this(chain, dedup, false);
        }
    }

    private final List<Segment> segments;
    private final List<OpConfig> ops;

    private Plan(List<Segment> segments, List<OpConfig> ops) {
        this.segments = List.copyOf(segments);
        this.ops = List.copyOf(ops);
    }

    /** Plans validated ops (see {@link io.djflink.recipe.RecipeValidator}). */
    public static Plan of(List<OpConfig> ops, OpRegistry registry) {
        return of(ops, registry, false);
    }

    /**
     * Plans validated ops; with {@code asyncStages}, every {@link AsyncOp} gets a stage of its own,
     * otherwise only those that cannot run inline (they are neither a mapper nor a filter, e.g. a
     * mapper that splits a sample).
     */
    public static Plan of(List<OpConfig> ops, OpRegistry registry, boolean asyncStages) {
        List<Segment> segments = new ArrayList<>();
        List<OpConfig> run = new ArrayList<>();
        for (OpConfig op : ops) {
            OpFactory factory = registry.factory(op.name());
            Op created = peek(factory, op);
            if (factory.kind() == OpKind.DEDUPLICATOR) {
                segments.add(new Segment(run, op, created instanceof NearDeduplicator));
                run = new ArrayList<>();
            } else if (created instanceof AsyncOp && (asyncStages || !(created instanceof Mapper || created instanceof Filter))) {
                if (!run.isEmpty()) {
                    segments.add(new Segment(run, null));
                    run = new ArrayList<>();
                }
                segments.add(Segment.async(op));
            } else {
                run.add(op);
            }
        }
        segments.add(new Segment(run, null));
        return new Plan(segments, ops);
    }

    /** Creates the op to see what it is; ops are cheap to construct (they load nothing until open). */
    private static Op peek(OpFactory factory, OpConfig op) {
        try (Op created = factory.create(op.args())) {
            return created;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing " + op.id() + ": " + e.getMessage(), e);
        }
    }

    /** Whether any segment is an async stage. */
    public boolean hasAsync() {
        return segments.stream().anyMatch(s -> s.async() != null);
    }

    public List<Segment> segments() {
        return segments;
    }

    /** Every op in recipe order. */
    public List<OpConfig> ops() {
        return ops;
    }

    /** A one-line description, e.g. {@code [a > b] -> dedup(c) -> [d]}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            if (sb.length() > 0) {
                sb.append(" -> ");
            }
            if (s.async() != null) {
                sb.append("async(").append(s.async().name()).append(")");
                continue;
            }
            sb.append("fused[");
            sb.append(String.join(", ", s.chain().stream().map(OpConfig::name).toList()));
            sb.append("]");
            if (s.dedup() != null) {
                sb.append(s.near() ? " -> near(" : " -> keyed(").append(s.dedup().name()).append(")");
            }
        }
        return sb.toString();
    }
}
