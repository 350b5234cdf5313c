package io.djflink.ops;

import java.util.List;
import java.util.Objects;

/**
 * The declaration of one op parameter: name, type, default and a one-line doc. Declared once per
 * op; binding, validation, {@code djflink ops} and the op reference all read it.
 *
 * @param min inclusive lower bound for numbers, or {@code null}
 * @param max inclusive upper bound for numbers, or {@code null}
 * @param choices allowed string values, or empty for any
 */
public record ParamSpec(
        String name,
        ParamType type,
        Object defaultValue,
        boolean nullable,
        Double min,
        Double max,
        List<String> choices,
        String doc) {

    public ParamSpec {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        choices = choices == null ? List.of() : List.copyOf(choices);
        doc = doc == null ? "" : doc;
    }

    public static ParamSpec of(String name, ParamType type, Object defaultValue, String doc) {
        return new ParamSpec(name, type, defaultValue, defaultValue == null, null, null, List.of(), doc);
    }

    public ParamSpec range(Double min, Double max) {
        return new ParamSpec(name, type, defaultValue, nullable, min, max, choices, doc);
    }

    public ParamSpec positive() {
        return range(type == ParamType.INT ? 1.0 : Double.MIN_VALUE, null);
    }

    public ParamSpec oneOf(String... values) {
        return new ParamSpec(name, type, defaultValue, nullable, min, max, List.of(values), doc);
    }

    public ParamSpec allowNull() {
        return new ParamSpec(name, type, defaultValue, true, min, max, choices, doc);
    }

    /** The default as Data-Juicer writes it, for listings. */
    public String defaultDisplay() {
        if (defaultValue == null) {
            return "None";
        }
        if (Long.valueOf(Long.MAX_VALUE).equals(defaultValue) || Double.valueOf(Long.MAX_VALUE).equals(defaultValue)) {
            return "sys.maxsize";
        }
        if (Long.valueOf(-Long.MAX_VALUE).equals(defaultValue) || Double.valueOf(-Long.MAX_VALUE).equals(defaultValue)) {
            return "-sys.maxsize";
        }
        if (defaultValue instanceof String) {
            return "\"" + defaultValue + "\"";
        }
        if (defaultValue instanceof Boolean) {
            return ((Boolean) defaultValue) ? "True" : "False";
        }
        return String.valueOf(defaultValue);
    }
}
