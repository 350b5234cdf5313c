package io.djflink.ops;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Converts one raw recipe value to a parameter's declared type, or says why it cannot. */
final class ParamBinder {

    private ParamBinder() {}

    static Object convert(String op, ParamSpec spec, Object raw) {
        String where = "parameter '" + spec.name() + "' of op " + op;
        if (raw == null) {
            if (!spec.nullable()) {
                throw new ParamException(spec.name(), where + " must not be null (expected " + spec.type().display() + ")");
            }
            return null;
        }
        Object v;
        switch (spec.type()) {
            case BOOL:
                if (!(raw instanceof Boolean)) {
                    throw typeError(spec, where, raw, "true or false");
                }
                v = raw;
                break;
            case INT:
                v = toLong(spec, where, raw);
                break;
            case FLOAT:
                v = toDouble(spec, where, raw);
                break;
            case STRING:
                if (!(raw instanceof String)) {
                    throw typeError(spec, where, raw, "a string");
                }
                v = raw;
                break;
            case STRING_LIST:
                v = toStringList(spec, where, raw);
                break;
            case STRING_OR_LIST:
                v = raw instanceof String ? raw : toStringList(spec, where, raw);
                break;
            case LIST:
                if (!(raw instanceof List)) {
                    throw typeError(spec, where, raw, "a list");
                }
                v = raw;
                break;
            case MAP:
                if (!(raw instanceof Map)) {
                    throw typeError(spec, where, raw, "a mapping");
                }
                v = raw;
                break;
            default:
                v = raw;
        }
        if (v instanceof Number && (spec.min() != null || spec.max() != null)) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || (spec.min() != null && d < spec.min()) || (spec.max() != null && d > spec.max())) {
                throw new ParamException(spec.name(), where + " is " + raw + ", out of range " + rangeText(spec));
            }
        }
        if (!spec.choices().isEmpty() && v instanceof String && !spec.choices().contains(v)) {
            throw new ParamException(
                    spec.name(),
                    where + " is '" + v + "'" + Suggest.didYouMean((String) v, spec.choices())
                            + "; valid choices: " + String.join(", ", spec.choices()));
        }
        return v;
    }

    private static String rangeText(ParamSpec spec) {
        String lo = spec.min() == null ? "-inf" : fmt(spec.min());
        String hi = spec.max() == null ? "inf" : fmt(spec.max());
        return "[" + lo + ", " + hi + "]";
    }

    private static String fmt(double d) {
        if (d == Double.MIN_VALUE) {
            return "0 (exclusive)";
        }
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static Long toLong(ParamSpec spec, String where, Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof BigInteger) {
            try {
                return ((BigInteger) raw).longValueExact();
            } catch (ArithmeticException e) {
                throw new ParamException(spec.name(), where + " is " + raw + ", beyond the 64-bit integer range");
            }
        }
        Double d = raw instanceof Number ? Double.valueOf(((Number) raw).doubleValue()) : parseNumber(raw);
        if (d == null) {
            throw typeError(spec, where, raw, "an integer");
        }
        if (d != Math.rint(d) || Double.isInfinite(d)) {
            throw new ParamException(spec.name(), where + " is " + raw + ", not an integer");
        }
        try {
            return new BigDecimal(d).longValueExact();
        } catch (ArithmeticException e) {
            throw new ParamException(spec.name(), where + " is " + raw + ", beyond the 64-bit integer range");
        }
    }

    private static Double toDouble(ParamSpec spec, String where, Object raw) {
        if (raw instanceof Number) {
            return ((Number) raw).doubleValue();
        }
        Double d = parseNumber(raw);
        if (d == null) {
            throw typeError(spec, where, raw, "a number");
        }
        return d;
    }

    /** YAML 1.1 reads {@code 2e5} (no dot) as a string; Data-Juicer's recipes use that spelling. */
    private static Double parseNumber(Object raw) {
        if (!(raw instanceof String)) {
            return null;
        }
        String s = ((String) raw).trim();
        if (!s.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            return null;
        }
        return Double.parseDouble(s);
    }

    private static List<String> toStringList(ParamSpec spec, String where, Object raw) {
        if (!(raw instanceof List)) {
            throw typeError(spec, where, raw, spec.type() == ParamType.STRING_OR_LIST ? "a string or a list of strings" : "a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) raw) {
            if (!(o instanceof String)) {
                throw new ParamException(spec.name(), where + " must hold strings only, found " + describe(o));
            }
            out.add((String) o);
        }
        return out;
    }

    private static ParamException typeError(ParamSpec spec, String where, Object raw, String expected) {
        return new ParamException(spec.name(), where + " must be " + expected + ", got " + describe(raw));
    }

    private static String describe(Object o) {
        if (o == null) {
            return "null";
        }
        String type;
        if (o instanceof String) {
            type = "string";
        } else if (o instanceof Boolean) {
            type = "boolean";
        } else if (o instanceof Number) {
            type = "number";
        } else if (o instanceof List) {
            type = "list";
        } else if (o instanceof Map) {
            type = "mapping";
        } else {
            type = o.getClass().getSimpleName();
        }
        return type + " " + (o instanceof String ? "'" + o + "'" : String.valueOf(o));
    }
}
