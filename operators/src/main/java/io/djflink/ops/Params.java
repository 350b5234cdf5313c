package io.djflink.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Parameter values of one op after binding: every declared parameter has a value or null. */
public final class Params {

    private final String op;
    private final Map<String, Object> values;

    Params(String op, Map<String, Object> values) {
        this.op = op;
        this.values = Collections.unmodifiableMap(values);
    }

    public String op() {
        return op;
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean isNull(String name) {
        return raw(name) == null;
    }

    public Object raw(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalStateException("op " + op + " reads undeclared parameter '" + name + "'");
        }
        return values.get(name);
    }

    public String string(String name) {
        return (String) raw(name);
    }

    public boolean bool(String name) {
        return (Boolean) raw(name);
    }

    public long integer(String name) {
        return ((Number) raw(name)).longValue();
    }

    public double number(String name) {
        return ((Number) raw(name)).doubleValue();
    }

    /** A nullable number, for bounds that Data-Juicer skips when None. */
    public Double numberOrNull(String name) {
        Object v = raw(name);
        return v == null ? null : ((Number) v).doubleValue();
    }

    /** A {@code STRING_OR_LIST} or {@code STRING_LIST} parameter as a list. */
    @SuppressWarnings("unchecked")
    public List<String> strings(String name) {
        Object v = raw(name);
        if (v == null) {
            return List.of();
        }
        if (v instanceof String) {
            return List.of((String) v);
        }
        return Collections.unmodifiableList(new ArrayList<>((List<String>) v));
    }

    /** A {@code LIST}, {@code MAP} or {@code ANY} parameter as JSON. */
    public JsonNode json(String name) {
        return Sample.JSON.valueToTree(raw(name));
    }
}
