package io.djflink.ops.general;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.djflink.ops.BaseFilter;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps samples whose value at {@code field_key} (a dotted path such as {@code meta.suffix}) is
 * one of {@code target_value}; a list value is kept only when every element is. Values compare
 * as Python compares them ({@code 50 == 50.0}). The value is copied into {@code __dj__stats__}
 * under the field key. An empty field_key or target_value keeps every sample;
 * {@code reversed_range} keeps the others instead. A missing field reads as null.
 */
public final class SpecifiedFieldFilter extends BaseFilter {

    private final String fieldKey;
    private final List<JsonNode> targets;

    SpecifiedFieldFilter(Params p) {
        super(p);
        this.fieldKey = p.isNull("field_key") ? "" : p.string("field_key");
        List<JsonNode> t = new ArrayList<>();
        if (!p.isNull("target_value")) {
            p.json("target_value").forEach(t::add);
        }
        this.targets = List.copyOf(t);
    }

    @Override
    public void computeStats(Sample sample, SampleContext ctx) {
        if (fieldKey.isEmpty() || sample.hasStat(fieldKey)) {
            return;
        }
        JsonNode v = sample.get(fieldKey);
        sample.stats().set(fieldKey, v == null ? NullNode.getInstance() : v.deepCopy());
    }

    @Override
    public boolean keep(Sample sample) {
        if (fieldKey.isEmpty() || targets.isEmpty()) {
            return true;
        }
        JsonNode v = sample.stats().get(fieldKey);
        boolean all = true;
        if (v != null && v.isArray()) {
            for (JsonNode e : v) {
                if (!isTarget(e)) {
                    all = false;
                    break;
                }
            }
        } else {
            all = isTarget(v);
        }
        return reversed != all;
    }

    private boolean isTarget(JsonNode v) {
        for (JsonNode t : targets) {
            if (PyValues.pyEquals(v, t)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<String> statKeys() {
        return fieldKey.isEmpty() ? List.of() : List.of(fieldKey);
    }

    /** Registers {@code specified_field_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "specified_field_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose value at field_key (every element, for a list) is in target_value";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("field_key", ParamType.STRING, "", "the field to test, dotted for nested fields; empty keeps all"),
                    ParamSpec.of("target_value", ParamType.LIST, List.of(), "the values to keep; empty keeps all").allowNull());
        }

        @Override
        public Op create(Params p) {
            return new SpecifiedFieldFilter(p);
        }
    }
}
