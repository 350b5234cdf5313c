package io.djflink.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.ops.BaseFilter;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import io.djflink.ops.text.PyStr;
import io.djflink.recipe.OpConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FusedChainTest {

    /**
     * A test filter that reads {@code __dj__lines} through the context and records, per instance,
     * how often it computed them and what it saw.
     */
    static final class LineCountFilter extends BaseFilter {
        static final List<List<String>> SEEN = new ArrayList<>();
        static int computations;

        LineCountFilter(Params p) {
            super(p);
        }

        @Override
        public void computeStats(Sample sample, SampleContext ctx) {
            List<String> lines = ctx.derive("__dj__lines", requireText(sample), t -> {
                computations++;
                return PyStr.splitLines(t);
            });
            SEEN.add(lines);
        }

        @Override
        public boolean keep(Sample sample) {
            return true;
        }

        @Override
        public List<String> statKeys() {
            return List.of();
        }

        static final class Factory extends OpFactory {
            @Override
            public String identifier() {
                return "line_count_probe_filter";
            }

            @Override
            public OpKind kind() {
                return OpKind.FILTER;
            }

            @Override
            public String doc() {
                return "test probe";
            }

            @Override
            protected List<ParamSpec> ownParams() {
                return List.of();
            }

            @Override
            public Op create(Params p) {
                return new LineCountFilter(p);
            }
        }
    }

    /** A mapper that records open/close, and fails to open when {@code fail_open} is set. */
    static final class LifecycleMapper extends io.djflink.ops.BaseOp implements io.djflink.ops.Mapper {
        static final List<String> EVENTS = new ArrayList<>();
        private final boolean failOpen;

        LifecycleMapper(Params p) {
            super(p);
            this.failOpen = p.bool("fail_open");
        }

        @Override
        public void open() {
            EVENTS.add("open " + failOpen);
            if (failOpen) {
                throw new IllegalStateException("model missing");
            }
        }

        @Override
        public void close() {
            EVENTS.add("close " + failOpen);
        }

        @Override
        public void map(Sample sample, SampleContext ctx) {}

        static final class Factory extends OpFactory {
            @Override
            public String identifier() {
                return "lifecycle_probe_mapper";
            }

            @Override
            public OpKind kind() {
                return OpKind.MAPPER;
            }

            @Override
            public String doc() {
                return "test probe";
            }

            @Override
            protected List<ParamSpec> ownParams() {
                return List.of(ParamSpec.of("fail_open", io.djflink.ops.ParamType.BOOL, false, ""));
            }

            @Override
            public Op create(Params p) {
                return new LifecycleMapper(p);
            }
        }
    }

    static final OpRegistry REGISTRY;

    static {
        List<OpFactory> all = new ArrayList<>(OpRegistry.get().all());
        all.add(new LineCountFilter.Factory());
        all.add(new LifecycleMapper.Factory());
        REGISTRY = OpRegistry.of(all);
    }

    @Test
    void opsAlreadyOpenedAreClosedWhenALaterOpFailsToOpen() {
        LifecycleMapper.EVENTS.clear();
        List<OpConfig> ops = List.of(op("lifecycle_probe_mapper"), op("lifecycle_probe_mapper", "fail_open", true));

        assertThatThrownBy(() -> new FusedChain(ops, null, REGISTRY, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("model missing");
        assertThat(LifecycleMapper.EVENTS).containsExactly("open false", "open true", "close false", "close true");
    }

    @Test
    void closeClosesEveryOp() throws Exception {
        LifecycleMapper.EVENTS.clear();
        new FusedChain(List.of(op("lifecycle_probe_mapper"), op("lifecycle_probe_mapper")), null, REGISTRY, null).close();

        assertThat(LifecycleMapper.EVENTS).containsExactly("open false", "open false", "close false", "close false");
    }

    private static int index;

    static OpConfig op(String name, Object... kv) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            args.put((String) kv[i], kv[i + 1]);
        }
        return new OpConfig(name, args, index++, 0, Map.of());
    }

    @Test
    void keptSampleRunsEveryOpAndCountsItKept() throws Exception {
        try (FusedChain chain = new FusedChain(
                List.of(op("whitespace_normalization_mapper"), op("text_length_filter", "min_len", 3L)), null, REGISTRY, null)) {
            Sample s = Sample.parse("{\"text\":\"  hello\\u3000world \"}");

            FusedChain.Result r = chain.process(s);

            assertThat(r.verdict).isEqualTo(FusedChain.Verdict.KEPT);
            assertThat(r.op).isNull();
            assertThat(s.text("text")).isEqualTo("hello world");
            assertThat(s.stats().get("text_len").asInt()).isEqualTo(11);
            assertThat(chain.stats(0).kept).isEqualTo(1);
            assertThat(chain.stats(1).kept).isEqualTo(1);
        }
    }

    @Test
    void filteredSampleNamesTheOpAndStatAndStopsTheChain() throws Exception {
        OpConfig filter = op("text_length_filter", "min_len", 10L);
        try (FusedChain chain = new FusedChain(List.of(filter, op("whitespace_normalization_mapper")), null, REGISTRY, null)) {
            FusedChain.Result r = chain.process(Sample.ofText("text", " short "));

            assertThat(r.verdict).isEqualTo(FusedChain.Verdict.FILTERED);
            assertThat(r.op).isEqualTo(filter);
            assertThat(r.statKey).isEqualTo("text_len");
            assertThat(chain.stats(0).filtered).isEqualTo(1);
            assertThat(chain.stats(1).in).isZero();
        }
    }

    @Test
    void recordsTheTimeOfEveryOpThatRanOnEverySampleIncludingFailuresAndTheSignature() throws Exception {
        List<OpConfig> ops = List.of(
                op("whitespace_normalization_mapper", "skip_op_error", true),
                op("text_length_filter", "min_len", 5L, "skip_op_error", true));
        OpConfig dedup = op("document_deduplicator", "skip_op_error", true);
        Map<Integer, long[]> recorded = new LinkedHashMap<>();
        try (FusedChain chain = new FusedChain(ops, dedup, REGISTRY, null)) {
            chain.recordTimes((op, nanos) -> {
                long[] countAndSum = recorded.computeIfAbsent(op, k -> new long[2]);
                countAndSum[0]++;
                countAndSum[1] += nanos;
            });
            for (String l : List.of("{\"text\":\"hello world\"}", "{\"text\":\"hi\"}", "{\"text\":42}", "{\"other\":1}")) {
                chain.process(Sample.parse(l));
            }

            assertThat(recorded).containsOnlyKeys(0, 1, FusedChain.OpTimes.SIGNATURE);
            assertThat(recorded.get(0)).containsExactly(chain.stats(0).in, chain.stats(0).nanos);
            assertThat(recorded.get(1)).containsExactly(chain.stats(1).in, chain.stats(1).nanos);
            assertThat(recorded.get(FusedChain.OpTimes.SIGNATURE)).containsExactly(chain.dedupStats().in, chain.dedupStats().nanos);
            assertThat(chain.stats(0).in).isEqualTo(4);
            assertThat(chain.stats(1).in).isEqualTo(3);
        }
    }

    @Test
    void countersBalanceForEveryOp() throws Exception {
        List<OpConfig> ops = List.of(
                op("whitespace_normalization_mapper", "skip_op_error", true),
                op("text_length_filter", "min_len", 5L, "skip_op_error", true));
        OpConfig dedup = op("document_deduplicator", "skip_op_error", true);
        List<String> lines = List.of(
                "{\"text\":\"hello world\"}",
                "{\"text\":\"hi\"}",
                "{\"text\":42}",
                "{\"other\":\"no text\"}",
                "{\"text\":\" hello world \"}",
                "{\"text\":\"another one\"}");
        try (FusedChain chain = new FusedChain(ops, dedup, REGISTRY, null)) {
            for (String l : lines) {
                chain.process(Sample.parse(l));
            }
            OpStats mapper = chain.stats(0);
            OpStats filter = chain.stats(1);

            assertThat(mapper.in).isEqualTo(6);
            assertThat(mapper.errors).isEqualTo(1); // text is a number
            assertThat(mapper.kept).isEqualTo(5);
            assertThat(filter.in).isEqualTo(5);
            assertThat(filter.filtered).isEqualTo(1); // "hi"
            assertThat(filter.errors).isEqualTo(1); // no text field
            assertThat(filter.kept).isEqualTo(3);
            assertThat(chain.dedupStats().in).isEqualTo(3);
            assertThat(mapper.balanced()).isTrue();
            assertThat(filter.balanced()).isTrue();
        }
    }

    @Test
    void opExceptionIsRoutedToErrorsWhenSkipOpErrorIsTrue() throws Exception {
        OpConfig filter = op("text_length_filter", "skip_op_error", true);
        try (FusedChain chain = new FusedChain(List.of(filter), null, REGISTRY, null)) {
            FusedChain.Result r = chain.process(Sample.parse("{\"text\":[1]}"));

            assertThat(r.verdict).isEqualTo(FusedChain.Verdict.ERROR);
            assertThat(r.op).isEqualTo(filter);
            assertThat(r.error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a string");
            assertThat(chain.stats(0).errors).isEqualTo(1);
            assertThat(chain.stats(0).balanced()).isTrue();

            assertThat(chain.process(Sample.ofText("text", "a fine text")).verdict).isEqualTo(FusedChain.Verdict.KEPT);
        }
    }

    @Test
    void opExceptionThrowsOpFailureWhenSkipOpErrorIsFalse() throws Exception {
        OpConfig filter = op("text_length_filter", "skip_op_error", false);
        try (FusedChain chain = new FusedChain(List.of(filter), null, REGISTRY, null)) {
            assertThatThrownBy(() -> chain.process(Sample.parse("{\"other\":1}")))
                    .isInstanceOf(OpFailure.class)
                    .hasMessageContaining("op " + filter.id() + " failed on a sample and skip_op_error is false")
                    .hasCauseInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void skipOpErrorFollowsTheDeclaredDefaultWhenNotGiven() throws Exception {
        // CommonParams declares skip_op_error = true; a config without the key must behave so.
        try (FusedChain chain = new FusedChain(List.of(op("text_length_filter")), null, REGISTRY, null)) {
            assertThat(chain.process(Sample.parse("{\"other\":1}")).verdict).isEqualTo(FusedChain.Verdict.ERROR);
        }
    }

    @Test
    void deduplicatorErrorsAreCountedOnItsStats() throws Exception {
        OpConfig dedup = op("document_deduplicator", "skip_op_error", true);
        try (FusedChain chain = new FusedChain(List.of(), dedup, REGISTRY, null)) {
            FusedChain.Result r = chain.process(Sample.parse("{\"other\":1}"));

            assertThat(r.verdict).isEqualTo(FusedChain.Verdict.ERROR);
            assertThat(r.op).isEqualTo(dedup);
            assertThat(chain.dedupStats().errors).isEqualTo(1);
            assertThat(chain.dedupStats().in).isEqualTo(1);
        }
    }

    @Test
    void keptSampleCarriesTheDeduplicatorSignature() throws Exception {
        try (FusedChain chain = new FusedChain(List.of(), op("document_deduplicator"), REGISTRY, null)) {
            String a = chain.process(Sample.ofText("text", "same")).key;
            String b = chain.process(Sample.ofText("text", " same\n")).key;
            String c = chain.process(Sample.ofText("text", "other")).key;

            assertThat(a).hasSize(32).isEqualTo(b).isNotEqualTo(c);
        }
    }

    @Test
    void contextIsRecomputedAfterAMapperChangesTheText() throws Exception {
        LineCountFilter.SEEN.clear();
        LineCountFilter.computations = 0;
        List<OpConfig> ops = List.of(
                op("line_count_probe_filter"),
                op("line_count_probe_filter"),
                op("whitespace_normalization_mapper"),
                op("line_count_probe_filter"));
        try (FusedChain chain = new FusedChain(ops, null, REGISTRY, null)) {
            chain.process(Sample.ofText("text", "a\u3000b\nc "));

            assertThat(LineCountFilter.SEEN).containsExactly(
                    List.of("a\u3000b", "c "), List.of("a\u3000b", "c "), List.of("a b", "c"));
            assertThat(LineCountFilter.computations).isEqualTo(2);
        }
    }

    @Test
    void contextIsNotSharedBetweenSamples() throws Exception {
        LineCountFilter.SEEN.clear();
        LineCountFilter.computations = 0;
        try (FusedChain chain = new FusedChain(List.of(op("line_count_probe_filter")), null, REGISTRY, null)) {
            chain.process(Sample.ofText("text", "one"));
            chain.process(Sample.ofText("text", "two"));

            assertThat(LineCountFilter.SEEN).containsExactly(List.of("one"), List.of("two"));
            assertThat(chain.context().values()).containsEntry("__dj__lines", List.of("two"));
        }
    }

    @Test
    void tracerReceivesMapperEditsOfTracedOpsOnly() throws Exception {
        OpConfig traced = op("whitespace_normalization_mapper");
        List<String> edits = new ArrayList<>();
        FusedChain.Tracer tracer = new FusedChain.Tracer() {
            @Override
            public boolean traces(OpConfig op) {
                return op.equals(traced);
            }

            @Override
            public void mapped(OpConfig op, String before, String after) {
                edits.add(op.id() + ": [" + before + "] -> [" + after + "]");
            }
        };
        try (FusedChain chain = new FusedChain(List.of(traced), null, REGISTRY, tracer)) {
            chain.process(Sample.ofText("text", " x "));
            chain.process(Sample.ofText("text", "unchanged"));
        }

        assertThat(edits).containsExactly(traced.id() + ": [ x ] -> [x]");
    }

    @Test
    void nearDeduplicatorSignatureIsComputedLastAndLeavesTheStringKeyNull() throws Exception {
        try (FusedChain chain = new FusedChain(List.of(op("whitespace_normalization_mapper")),
                op("document_simhash_deduplicator"), REGISTRY, null)) {
            FusedChain.Result r = chain.process(Sample.ofText("text", "one two three four five six seven"));

            assertThat(r.verdict).isEqualTo(FusedChain.Verdict.KEPT);
            assertThat(r.key).isNull();
            assertThat(r.signature).hasSize(1);
            assertThat(chain.nearDeduplicator()).isNotNull();
            assertThat(chain.dedupStats().in).isEqualTo(1);
        }
    }

    @Test
    void nearDeduplicatorSignatureFailureIsAnError() throws Exception {
        try (FusedChain chain = new FusedChain(List.of(), op("document_minhash_deduplicator"), REGISTRY, null)) {
            FusedChain.Result r = chain.process(Sample.ofText("text", "too few words"));

            assertThat(r.verdict).isEqualTo(FusedChain.Verdict.ERROR);
            assertThat(r.signature).isNull();
            assertThat(chain.dedupStats().errors).isEqualTo(1);
        }
    }
}
