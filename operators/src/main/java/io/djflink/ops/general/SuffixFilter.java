package io.djflink.ops.general;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.ops.BaseFilter;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.util.List;
import java.util.Set;

/**
 * Keeps samples whose source file suffix ({@code __dj__suffix__}, e.g. {@code .txt}, added by the
 * loader when this op is in the recipe) is one of {@code suffixes}; an empty list keeps every
 * sample. A non-stats filter: it writes no {@code __dj__stats__}. {@code reversed_range} keeps the
 * other suffixes instead.
 */
public final class SuffixFilter extends BaseFilter {

    private final Set<String> suffixes;

    SuffixFilter(Params p) {
        super(p);
        this.suffixes = Set.copyOf(p.strings("suffixes"));
    }

    @Override
    public void computeStats(Sample sample, SampleContext ctx) {
        // Nothing to compute: the decision reads the suffix field directly.
    }

    @Override
    public boolean keep(Sample sample) {
        if (suffixes.isEmpty()) {
            return true;
        }
        if (!sample.root().has(Sample.SUFFIX)) {
            throw new IllegalArgumentException(
                    "sample has no '" + Sample.SUFFIX + "' field (the loader adds it when suffix_filter is in the recipe)");
        }
        JsonNode v = sample.root().get(Sample.SUFFIX);
        boolean in = v.isTextual() && suffixes.contains(v.textValue());
        return reversed != in;
    }

    @Override
    public List<String> statKeys() {
        return List.of();
    }

    /** Registers {@code suffix_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "suffix_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose source file suffix is one of suffixes (all when empty)";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("suffixes", ParamType.STRING_OR_LIST, List.of(),
                            "file suffixes to keep, e.g. '.txt' or ['.txt', '.pdf']; empty keeps all").allowNull());
        }

        @Override
        public Op create(Params p) {
            return new SuffixFilter(p);
        }
    }
}
