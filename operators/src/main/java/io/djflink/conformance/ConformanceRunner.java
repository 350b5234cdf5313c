package io.djflink.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.djflink.ops.AsyncOp;
import io.djflink.ops.Deduplicator;
import io.djflink.ops.Filter;
import io.djflink.ops.Mapper;
import io.djflink.ops.NearDeduplicator;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import io.djflink.run.NearDupClusters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs Data-Juicer conformance cases (one JSON file per upstream test method) against the
 * registered ops, the way the upstream test drives the op: filters compute stats then filter,
 * mappers map, deduplicators keep the first sample per signature, near-deduplicators the first
 * sample of each group of linked near-duplicates, and an async op that is none of these (a mapper
 * that splits samples) yields its samples in input order.
 */
public final class ConformanceRunner {

    /** The outcome of one case. */
    public enum Status {
        PASSED,
        FAILED,
        SKIPPED
    }

    /** One case's result; {@code detail} says why it failed or was skipped. */
    public record CaseResult(String name, String op, Status status, String detail) {}

    /** Totals of a run. */
    public record Summary(int passed, int failed, int skipped, List<CaseResult> cases) {
        public String line() {
            return "conformance: " + passed + " passed, " + failed + " failed, " + skipped + " skipped";
        }
    }

    private final OpRegistry registry;

    public ConformanceRunner(OpRegistry registry) {
        this.registry = registry;
    }

    /** Runs every {@code *.json} case in {@code dir} (sorted), printing one line per case and the summary. */
    public Summary runDirectory(Path dir, PrintStream out) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        List<CaseResult> results = new ArrayList<>();
        for (Path f : files) {
            CaseResult r = runFile(f);
            results.add(r);
            switch (r.status()) {
                case PASSED:
                    passed++;
                    out.println("PASS " + r.name());
                    break;
                case FAILED:
                    failed++;
                    out.println("FAIL " + r.name() + ": " + r.detail());
                    break;
                default:
                    skipped++;
                    out.println("SKIP " + r.name() + ": " + r.detail());
            }
        }
        Summary s = new Summary(passed, failed, skipped, results);
        out.println(s.line());
        return s;
    }

    /** Runs one case file. */
    public CaseResult runFile(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        JsonNode c;
        try {
            c = Sample.JSON.readTree(file.toFile());
        } catch (IOException e) {
            return new CaseResult(name, "?", Status.FAILED, "unreadable case file: " + e.getMessage());
        }
        String op = c.path("op").asText();
        if (!registry.contains(op)) {
            return new CaseResult(name, op, Status.SKIPPED, "op " + op + " is not registered");
        }
        try {
            String failure = runCase(c, registry.factory(op));
            return new CaseResult(name, op, failure == null ? Status.PASSED : Status.FAILED, failure);
        } catch (Exception | StackOverflowError e) {
            return new CaseResult(name, op, Status.FAILED, "exception: " + e);
        }
    }

    @SuppressWarnings("unchecked")
    private String runCase(JsonNode c, OpFactory factory) throws Exception {
        Map<String, Object> args = Sample.JSON.convertValue(c.path("args"), LinkedHashMap.class);
        // Upstream unit tests construct ops directly, where skip_op_error defaults to False.
        args.putIfAbsent("skip_op_error", false);
        if (c.has("expected_error")) {
            try (Op op = factory.create(args)) {
                op.open();
            } catch (IllegalArgumentException e) {
                return null;
            }
            return "expected " + c.get("expected_error").asText() + " for args " + c.get("args") + ", but the op accepted them";
        }
        List<String> pipeline = new ArrayList<>();
        c.path("pipeline").forEach(p -> pipeline.add(p.asText()));
        boolean addStats = pipeline.stream().anyMatch(p -> p.startsWith("add_column(__dj__stats__)"));
        boolean withContext = pipeline.stream().anyMatch(p -> p.contains("'context': True"));
        boolean statsOnly = pipeline.stream().anyMatch(p -> p.startsWith("compute_stats_direct"));

        List<Sample> input = new ArrayList<>();
        for (JsonNode n : c.path("input")) {
            input.add(new Sample((ObjectNode) n.deepCopy()));
        }
        List<Sample> output = new ArrayList<>();
        int dupGroups = 0;
        try (Op op = factory.create(args)) {
            op.open();
            SampleContext ctx = new SampleContext();
            if (op instanceof Filter) {
                Filter f = (Filter) op;
                for (Sample s : input) {
                    ctx.clear();
                    if (addStats) {
                        s.stats();
                    }
                    f.computeStats(s, ctx);
                    if (statsOnly || f.keep(s)) {
                        if (withContext) {
                            s.root().set(Sample.CONTEXT, Sample.JSON.valueToTree(ctx.values()));
                        }
                        output.add(s);
                    }
                }
            } else if (op instanceof Mapper) {
                for (Sample s : input) {
                    ctx.clear();
                    ((Mapper) op).map(s, ctx);
                    output.add(s);
                }
            } else if (op instanceof Deduplicator) {
                Map<String, Integer> counts = new HashMap<>();
                for (Sample s : input) {
                    ctx.clear();
                    String h = ((Deduplicator) op).hash(s, ctx);
                    if (counts.merge(h, 1, Integer::sum) == 1) {
                        output.add(s);
                    }
                }
                dupGroups = (int) counts.values().stream().filter(n -> n > 1).count();
            } else if (op instanceof NearDeduplicator) {
                // the engine's batch decision: linked groups, the first sample of each survives
                NearDeduplicator near = (NearDeduplicator) op;
                NearDupClusters clusters = new NearDupClusters(near);
                for (int i = 0; i < input.size(); i++) {
                    ctx.clear();
                    clusters.add(i, near.signature(input.get(i), ctx));
                }
                for (int i = 0; i < input.size(); i++) {
                    if (clusters.survives(i)) {
                        output.add(input.get(i));
                    }
                }
            } else if (op instanceof AsyncOp) {
                // a mapper that changes the number of samples (e.g. a video splitter): its samples in order
                for (Sample s : input) {
                    output.addAll(((AsyncOp) op).applyAsync(s).get());
                }
            } else {
                return "op kind " + factory.kind().label() + " is not driven by the conformance runner";
            }
        }

        JsonNode extra = c.path("extra_checks");
        if (extra.has("len(dup_pairs)")) {
            int showNum = c.path("process_kwargs").path("show_num").asInt(0);
            int pairs = showNum > 0 ? Math.min(showNum, dupGroups) : 0;
            if (pairs != extra.get("len(dup_pairs)").asInt()) {
                return "len(dup_pairs) is " + pairs + ", expected " + extra.get("len(dup_pairs)");
            }
        }

        JsonNode compare = c.path("compare");
        String mode = compare.path("mode").asText("ordered");
        if (mode.equals("count_only")) {
            int expected = c.path("expected_count").asInt();
            return output.size() == expected ? null : "got " + output.size() + " samples, expected " + expected;
        }
        List<String> dropped = new ArrayList<>();
        compare.path("dropped_columns").forEach(n -> dropped.add(n.asText()));
        for (String p : pipeline) {
            if (p.startsWith("remove_columns(")) {
                dropped.add(p.substring("remove_columns(".length(), p.length() - 1));
            }
        }
        List<JsonNode> got = project(output, compare.get("columns"), dropped);
        List<JsonNode> want = new ArrayList<>();
        c.path("expected").forEach(want::add);

        switch (mode) {
            case "ordered":
                return compareLists(got, want);
            case "unordered":
            case "unordered_sorted_by_text":
                return compareLists(sortedByJson(got), sortedByJson(want));
            case "per_row_fields":
                return comparePerRow(got, want, factory.identifier().equals("text_chunk_mapper"));
            case "meta_property":
                return compareProperties(output, want);
            default:
                return "compare mode '" + mode + "' is not supported by the runner";
        }
    }

    private static List<JsonNode> project(List<Sample> samples, JsonNode columns, List<String> dropped) {
        List<JsonNode> out = new ArrayList<>();
        for (Sample s : samples) {
            ObjectNode n = s.root().deepCopy();
            if (columns != null && columns.isArray()) {
                ObjectNode sel = Sample.JSON.createObjectNode();
                for (JsonNode col : columns) {
                    String name = col.asText();
                    JsonNode v = s.get(name);
                    JsonNode value = v == null ? Sample.JSON.nullNode() : v.deepCopy();
                    if (s.root().has(name)) {
                        sel.set(name, value);
                    } else {
                        // a dotted column keeps its nesting, as the expected samples write it
                        new Sample(sel).set(name, value);
                    }
                }
                n = sel;
            }
            for (String d : dropped) {
                n.remove(d);
            }
            out.add(n);
        }
        return out;
    }

    private static List<JsonNode> sortedByJson(List<JsonNode> in) {
        List<JsonNode> copy = new ArrayList<>(in);
        copy.sort(Comparator.comparing(n -> n.path("text").asText() + "\u0000" + n.toString()));
        return copy;
    }

    private static String compareLists(List<JsonNode> got, List<JsonNode> want) {
        if (got.size() != want.size()) {
            return "got " + got.size() + " samples, expected " + want.size() + "; got " + got;
        }
        for (int i = 0; i < got.size(); i++) {
            if (!JsonCompare.equal(got.get(i), want.get(i))) {
                return "sample " + i + " is " + got.get(i) + ", expected " + want.get(i);
            }
        }
        return null;
    }

    /**
     * {@code meta_property}: every leaf of expected row i is compared with output row i at the
     * same path; a boolean leaf {@code <key>_nonempty} (absent from the output) asserts whether
     * {@code <key>} holds a non-empty value. Output rows beyond the expected ones are not checked.
     */
    private static String compareProperties(List<Sample> got, List<JsonNode> want) {
        if (got.size() < want.size()) {
            return "got " + got.size() + " samples, expected at least " + want.size();
        }
        for (int i = 0; i < want.size(); i++) {
            String f = compareLeaves(got.get(i).root(), want.get(i), "", i);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private static String compareLeaves(JsonNode got, JsonNode want, String path, int row) {
        for (Map.Entry<String, JsonNode> f : want.properties()) {
            String key = f.getKey();
            JsonNode w = f.getValue();
            String at = path.isEmpty() ? key : path + "." + key;
            JsonNode g = got == null ? null : got.get(key);
            if (g == null && w.isBoolean() && key.endsWith("_nonempty")) {
                String base = key.substring(0, key.length() - "_nonempty".length());
                JsonNode b = got == null ? null : got.get(base);
                boolean nonEmpty = b != null && !b.isNull()
                        && (b.isContainerNode() ? b.size() > 0 : !b.isTextual() || !b.textValue().isEmpty());
                if (nonEmpty != w.booleanValue()) {
                    String p = path.isEmpty() ? base : path + "." + base;
                    return "row " + row + " field '" + p + "' is " + b + ", expected " + (w.booleanValue() ? "non-empty" : "empty");
                }
            } else if (w.isObject() && g != null && g.isObject()) {
                String r = compareLeaves(g, w, at, row);
                if (r != null) {
                    return r;
                }
            } else if (!JsonCompare.equal(g, w)) {
                return "row " + row + " field '" + at + "' is " + g + ", expected " + w;
            }
        }
        return null;
    }

    private static String comparePerRow(List<JsonNode> got, List<JsonNode> want, boolean prefixOnly) {
        if (prefixOnly ? got.size() < want.size() : got.size() != want.size()) {
            return "got " + got.size() + " rows, expected " + want.size();
        }
        for (int i = 0; i < want.size(); i++) {
            Iterator<Map.Entry<String, JsonNode>> fields = want.get(i).fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                JsonNode g = got.get(i).get(f.getKey());
                if (!JsonCompare.equal(g, f.getValue())) {
                    return "row " + i + " field '" + f.getKey() + "' is " + g + ", expected " + f.getValue();
                }
            }
        }
        return null;
    }

}
