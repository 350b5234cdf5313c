package io.djflink.run;

import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.recipe.OpConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a plan over samples in this thread, without Flink, with Data-Juicer's batch semantics:
 * samples in input order, the first occurrence of a duplicate survives. The reference the Flink
 * job is tested against, the engine of the benchmark, and a test driver for recipes.
 */
public final class LocalRunner {

    /** A sample a filter dropped. */
    public record Filtered(Sample sample, OpConfig op, String statKey) {}

    /** A sample a deduplicator dropped, and the input position of the sample it duplicates. */
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

    /** Runs the plan; the input samples are edited in place. */
    public Outcome run(Iterable<Sample> input) throws Exception {
        List<FusedChain> chains = new ArrayList<>();
        List<Map<String, Long>> seen = new ArrayList<>();
        Map<String, OpStats> stats = new LinkedHashMap<>();
        for (OpConfig op : plan.ops()) {
            stats.put(op.id(), new OpStats());
        }
        List<Sample> kept = new ArrayList<>();
        List<Filtered> filtered = new ArrayList<>();
        List<Duplicate> dups = new ArrayList<>();
        List<Failed> errors = new ArrayList<>();
        try {
            for (Plan.Segment s : plan.segments()) {
                chains.add(new FusedChain(s.chain(), s.dedup(), registry, null));
                seen.add(new HashMap<>());
            }
            long index = 0;
            samples:
            for (Sample sample : input) {
                long pos = index++;
                for (int i = 0; i < chains.size(); i++) {
                    FusedChain chain = chains.get(i);
                    FusedChain.Result r = chain.process(sample);
                    if (r.verdict == FusedChain.Verdict.FILTERED) {
                        filtered.add(new Filtered(sample, r.op, r.statKey));
                        continue samples;
                    }
                    if (r.verdict == FusedChain.Verdict.ERROR) {
                        errors.add(new Failed(sample, r.op, r.error));
                        continue samples;
                    }
                    OpConfig dedup = chain.dedupConfig();
                    if (dedup != null) {
                        Long first = seen.get(i).putIfAbsent(r.key, pos);
                        OpStats ds = stats.get(dedup.id());
                        if (first != null) {
                            ds.duplicates++;
                            dups.add(new Duplicate(sample, dedup, first));
                            continue samples;
                        }
                        ds.kept++;
                    }
                }
                kept.add(sample);
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
        return new Outcome(kept, filtered, dups, errors, stats);
    }
}
