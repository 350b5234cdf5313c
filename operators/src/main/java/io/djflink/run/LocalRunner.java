package io.djflink.run;

import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.recipe.OpConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a plan over samples in this thread, without Flink, with Data-Juicer's batch semantics:
 * samples in input order, the first occurrence of a duplicate survives; for a near-deduplicator
 * the first sample of each connected group of near-duplicates ({@link NearDupClusters}). The reference the Flink
 * job is tested against, the engine of the benchmark, and a test driver for recipes.
 */
public final class LocalRunner {

    /** A sample a filter dropped. */
    public record Filtered(Sample sample, OpConfig op, String statKey) {}

    /**
     * A sample a deduplicator dropped, and the input position of the sample that survives in its
     * place (for a near-deduplicator the first sample of its linked group, which may be linked to
     * it only through other samples).
     */
    public record Duplicate(Sample sample, OpConfig op, long firstIndex) {}

    /** A sample an op failed on. */
    public record Failed(Sample sample, OpConfig op, Throwable error) {}

    /** Everything a run produced. */
    public record Outcome(
            List<Sample> kept,
            List<Filtered> filtered,
            List<Duplicate> duplicates,
            List<Failed> errors,
            Map<String, OpStats> stats) {

        public long read() {
            return kept.size() + filtered.size() + duplicates.size() + errors.size();
        }
    }

    private final Plan plan;
    private final OpRegistry registry;

    public LocalRunner(Plan plan, OpRegistry registry) {
        this.plan = plan;
        this.registry = registry;
    }

    /**
     * Runs the plan; the input samples are edited in place.
     *
     * <p>Segments run one after another over the whole input, as Data-Juicer runs ops over the
     * whole dataset: a near-deduplicator decides only once every sample reached it. Outcomes are
     * listed in input order, which for exact deduplicators is also what a streaming run gives.
     */
    public Outcome run(Iterable<Sample> input) throws Exception {
        List<FusedChain> chains = new ArrayList<>();
        Map<String, OpStats> stats = new LinkedHashMap<>();
        for (OpConfig op : plan.ops()) {
            stats.put(op.id(), new OpStats());
        }
        List<Positioned<Filtered>> filtered = new ArrayList<>();
        List<Positioned<Duplicate>> dups = new ArrayList<>();
        List<Positioned<Failed>> errors = new ArrayList<>();
        List<Sample> stage = new ArrayList<>();
        List<Long> stagePos = new ArrayList<>();
        long index = 0;
        for (Sample sample : input) {
            stage.add(sample);
            stagePos.add(index++);
        }
        try {
            for (Plan.Segment s : plan.segments()) {
                if (s.async() != null) {
                    throw new IllegalArgumentException("op " + s.async().id() + " runs only in an async stage of the Flink job");
                }
                chains.add(new FusedChain(s.chain(), s.dedup(), registry, null));
            }
            for (FusedChain chain : chains) {
                OpConfig dedup = chain.dedupConfig();
                OpStats ds = dedup == null ? null : stats.get(dedup.id());
                Map<String, Long> seen = new HashMap<>();
                NearDupClusters clusters =
                        chain.nearDeduplicator() == null ? null : new NearDupClusters(chain.nearDeduplicator());
                List<Sample> next = new ArrayList<>();
                List<Long> nextPos = new ArrayList<>();
                for (int k = 0; k < stage.size(); k++) {
                    Sample sample = stage.get(k);
                    long pos = stagePos.get(k);
                    FusedChain.Result r = chain.process(sample);
                    if (r.verdict == FusedChain.Verdict.FILTERED) {
                        filtered.add(new Positioned<>(pos, new Filtered(sample, r.op, r.statKey)));
                        continue;
                    }
                    if (r.verdict == FusedChain.Verdict.ERROR) {
                        errors.add(new Positioned<>(pos, new Failed(sample, r.op, r.error)));
                        continue;
                    }
                    if (clusters != null) {
                        clusters.add(pos, r.signature);
                    } else if (dedup != null) {
                        Long first = seen.putIfAbsent(r.key, pos);
                        if (first != null) {
                            ds.duplicates++;
                            dups.add(new Positioned<>(pos, new Duplicate(sample, dedup, first)));
                            continue;
                        }
                        ds.kept++;
                    }
                    next.add(sample);
                    nextPos.add(pos);
                }
                if (clusters != null) {
                    List<Sample> survivors = new ArrayList<>();
                    List<Long> survivorPos = new ArrayList<>();
                    for (int k = 0; k < next.size(); k++) {
                        long pos = nextPos.get(k);
                        long first = clusters.survivor(pos);
                        if (first == pos) {
                            ds.kept++;
                            survivors.add(next.get(k));
                            survivorPos.add(pos);
                        } else {
                            ds.duplicates++;
                            dups.add(new Positioned<>(pos, new Duplicate(next.get(k), dedup, first)));
                        }
                    }
                    next = survivors;
                    nextPos = survivorPos;
                }
                stage = next;
                stagePos = nextPos;
            }
        } finally {
            for (FusedChain c : chains) {
                c.close();
            }
        }
        for (FusedChain c : chains) {
            for (int j = 0; j < c.configs().size(); j++) {
                stats.get(c.configs().get(j).id()).add(c.stats(j));
            }
            if (c.dedupConfig() != null) {
                OpStats ds = stats.get(c.dedupConfig().id());
                ds.in += c.dedupStats().in;
                ds.errors += c.dedupStats().errors;
                ds.nanos += c.dedupStats().nanos;
            }
        }
        return new Outcome(stage, inOrder(filtered), inOrder(dups), inOrder(errors), stats);
    }

    /** An outcome with the input position of its sample, for listing outcomes in input order. */
    private record Positioned<T>(long pos, T value) {}

    private static <T> List<T> inOrder(List<Positioned<T>> in) {
        List<Positioned<T>> sorted = new ArrayList<>(in);
        sorted.sort(Comparator.comparingLong(Positioned::pos));
        List<T> out = new ArrayList<>(sorted.size());
        for (Positioned<T> p : sorted) {
            out.add(p.value());
        }
        return out;
    }
}
