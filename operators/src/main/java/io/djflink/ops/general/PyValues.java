package io.djflink.ops.general;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Python value semantics for JSON values read from samples and recipe parameters. */
final class PyValues {

    private PyValues() {}

    /**
     * Python {@code ==} between two JSON values: numbers by value ({@code 50 == 50.0}), booleans
     * equal to 1 and 0, null only to null, lists element-wise, dicts key-wise.
     */
    static boolean pyEquals(JsonNode a, JsonNode b) {
        if (a == null || a.isNull() || a.isMissingNode()) {
            return b == null || b.isNull() || b.isMissingNode();
        }
        if (b == null || b.isNull() || b.isMissingNode()) {
            return false;
        }
        if (isNumeric(a) && isNumeric(b)) {
            if (a.isIntegralNumber() && b.isIntegralNumber()) {
                return a.bigIntegerValue().equals(b.bigIntegerValue());
            }
            return numeric(a) == numeric(b);
        }
        if (a.isTextual() && b.isTextual()) {
            return a.textValue().equals(b.textValue());
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!pyEquals(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> e : a.properties()) {
                if (!b.has(e.getKey()) || !pyEquals(e.getValue(), b.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean isNumeric(JsonNode n) {
        return n.isNumber() || n.isBoolean();
    }

    private static double numeric(JsonNode n) {
        return n.isBoolean() ? (n.booleanValue() ? 1.0 : 0.0) : n.doubleValue();
    }

    /** Python truthiness of a JSON value. */
    static boolean truthy(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return false;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isNumber()) {
            return n.doubleValue() != 0.0;
        }
        if (n.isTextual()) {
            return !n.textValue().isEmpty();
        }
        return n.size() > 0;
    }

    /**
     * Python {@code float(s)} for a str: surrounding whitespace allowed, Unicode decimal digits
     * read as ASCII ones, underscores between digits, {@code inf}/{@code infinity}/{@code nan}
     * in any case with an optional sign. Returns null where Python raises ValueError.
     */
    static Double parseFloat(String raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= 0x80 && Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
                sb.append((char) ('0' + Character.digit(cp, 10)));
            } else if (cp >= 0x80 && io.djflink.ops.text.PyStr.isSpace(cp)) {
                sb.append(' ');
            } else {
                sb.appendCodePoint(cp);
            }
        }
        String s = io.djflink.ops.text.PyStr.strip(sb.toString());
        int i = 0;
        int n = s.length();
        if (n == 0) {
            return null;
        }
        boolean neg = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            neg = s.charAt(0) == '-';
            i = 1;
        }
        String rest = s.substring(i).toLowerCase(java.util.Locale.ROOT);
        if (rest.equals("inf") || rest.equals("infinity")) {
            return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (rest.equals("nan")) {
            return Double.NaN;
        }
        // digits [. digits] [e [sign] digits], at least one mantissa digit, '_' only between digits
        StringBuilder clean = new StringBuilder(n + 1);
        if (neg) {
            clean.append('-');
        }
        int before = clean.length();
        int used = scanDigits(s, i, clean);
        if (used < 0) {
            return null;
        }
        i += used;
        if (i < n && s.charAt(i) == '.') {
            clean.append('.');
            i++;
            used = scanDigits(s, i, clean);
            if (used < 0) {
                return null;
            }
            i += used;
        }
        int mantissaDigits = clean.length() - before - (clean.indexOf(".") >= 0 ? 1 : 0);
        if (mantissaDigits == 0) {
            return null;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            clean.append('e');
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                clean.append(s.charAt(i));
                i++;
            }
            used = scanDigits(s, i, clean);
            if (used <= 0) {
                return null;
            }
            i += used;
        }
        if (i != n) {
            return null;
        }
        return Double.parseDouble(clean.toString());
    }

    /**
     * Scans ASCII digits with single underscores between them from {@code from}, appending the
     * digits; returns the characters consumed, or -1 for a misplaced underscore.
     */
    private static int scanDigits(String s, int from, StringBuilder out) {
        int i = from;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (isDigit(c)) {
                out.append(c);
                i++;
            } else if (c == '_') {
                if (i == from || i + 1 >= n || !isDigit(s.charAt(i - 1)) || !isDigit(s.charAt(i + 1))) {
                    return -1;
                }
                i++;
            } else {
                break;
            }
        }
        return i - from;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
