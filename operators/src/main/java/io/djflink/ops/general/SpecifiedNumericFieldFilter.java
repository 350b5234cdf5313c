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
import java.util.List;

/**
 * Keeps samples whose value at {@code field_key} (dotted path) reads as a number within
 * [min_value, max_value]. The value is copied into {@code __dj__stats__} under the field key.
 * A number, or a string Python's {@code float()} accepts ({@code "13.5"}, {@code " 1e3 "}), counts;
 * null, a missing field, a non-numeric string and, as in Data-Juicer, any falsy value
 * ({@code 0}, {@code ""}, {@code false}) drop the sample whatever the bounds. An empty field_key
 * keeps every sample.
 */
public final class SpecifiedNumericFieldFilter extends BaseFilter {

    private final String fieldKey;
    private final Double minValue;
    private final Double maxValue;

    SpecifiedNumericFieldFilter(Params p) {
        super(p);
        this.fieldKey = p.isNull("field_key") ? "" : p.string("field_key");
        this.minValue = p.numberOrNull("min_value");
        this.maxValue = p.numberOrNull("max_value");
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
        if (fieldKey.isEmpty()) {
            return true;
        }
        Double v = asNumber(sample.stats().get(fieldKey));
        return v != null && inRange(v, minValue, maxValue);
    }

    /** Data-Juicer's {@code is_number} then {@code float()}: null when the sample is dropped. */
    static Double asNumber(JsonNode v) {
        // Data-Juicer tests truthiness before parsing, so 0 and 0.0 never count as numbers.
        if (!PyValues.truthy(v)) {
            return null;
        }
        if (v.isBoolean()) {
            return 1.0;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            return PyValues.parseFloat(v.textValue());
        }
        // float() of a list or dict raises TypeError in Data-Juicer, which fails the op.
        throw new IllegalArgumentException(
                "field value is " + v.getNodeType().name().toLowerCase() + " " + v + ", not a number or a string");
    }

    @Override
    public List<String> statKeys() {
        return fieldKey.isEmpty() ? List.of() : List.of(fieldKey);
    }

    /** Registers {@code specified_numeric_field_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "specified_numeric_field_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose value at field_key is a number in [min_value, max_value]";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("field_key", ParamType.STRING, "", "the field to test, dotted for nested fields; empty keeps all"),
                    ParamSpec.of("min_value", ParamType.FLOAT, -Long.MAX_VALUE, "minimum value").allowNull(),
                    ParamSpec.of("max_value", ParamType.FLOAT, Long.MAX_VALUE, "maximum value").allowNull());
        }

        @Override
        public Op create(Params p) {
            return new SpecifiedNumericFieldFilter(p);
        }
    }
}
