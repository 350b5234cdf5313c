package io.djflink.ops;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Arrays;

/**
 * One Data-Juicer sample: a JSON object with the text field(s), optional media lists, {@code meta},
 * and the reserved {@code __dj__stats__} / {@code __dj__meta__} dicts. Fields an op does not touch
 * pass through untouched, in their original order.
 *
 * <p>Keys are addressed as in Data-Juicer: a key that exists literally at the top level wins;
 * otherwise a dotted key ({@code meta.lang}) walks nested objects.
 */
public final class Sample {

    /** Filter statistics, written by filters and never recomputed. */
    public static final String STATS = "__dj__stats__";
    /** Tags written by tagging ops. */
    public static final String META = "__dj__meta__";
    /** File suffix of the source file, added when {@code suffix_filter} is in the recipe. */
    public static final String SUFFIX = "__dj__suffix__";
    /** Cached intermediate values, exposed only when a caller asks for them. */
    public static final String CONTEXT = "__dj__context__";

    /**
     * The one JSON mapper of the op library: thread-safe once configured. Strings may be as long
     * as Java allows (Jackson's default stops at 20M chars; Data-Juicer has no limit and whole
     * books are single samples); documents are bounded by the reader's line limit instead.
     */
    public static final ObjectMapper JSON = new ObjectMapper(unbounded(new JsonFactory()));

    /** Lifts Jackson's default 20M-char string cap from a factory (text and Smile alike). */
    public static <F extends JsonFactory> F unbounded(F factory) {
        factory.setStreamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build());
        return factory;
    }

    /** Reads exactly one value: trailing content (two records glued together) is an error. */
    private static final ObjectReader ONE_VALUE =
            JSON.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ObjectNode root;

    public Sample(ObjectNode root) {
        this.root = root;
    }

    /** A new sample with a single text field. */
    public static Sample ofText(String key, String text) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put(key, text);
        return new Sample(n);
    }

    /**
     * Parses one JSON object.
     *
     * @throws IllegalArgumentException if the text is not valid JSON or not an object
     */
    public static Sample parse(String json) {
        JsonNode node;
        try {
            node = ONE_VALUE.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("invalid JSON: empty input");
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(
                    "a sample must be a JSON object, got " + node.getNodeType().name().toLowerCase());
        }
        // Raw UTF-8 cannot hold a surrogate (strict decoding refuses it), only a \\u escape can;
        // an unpaired one cannot be written out again as UTF-8 (or Smile, between stages)
        if (json.indexOf("\\ud") >= 0 || json.indexOf("\\uD") >= 0) {
            String where = unpairedSurrogate(node, "");
            if (where != null) {
                throw new IllegalArgumentException("unpaired surrogate " + where
                        + ": the text cannot be written as UTF-8");
            }
        }
        return new Sample((ObjectNode) node);
    }

    /** Where the first unpaired surrogate of a string or field name under {@code n} is, or null. */
    private static String unpairedSurrogate(JsonNode n, String path) {
        if (n.isTextual()) {
            int at = unpairedSurrogate(n.textValue());
            return at < 0 ? null : String.format("\\u%04x in '%s' at char %d", (int) n.textValue().charAt(at),
                    path.isEmpty() ? "(root)" : path, at);
        }
        if (n.isObject()) {
            for (var it = n.fields(); it.hasNext(); ) {
                var e = it.next();
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                int at = unpairedSurrogate(e.getKey());
                if (at >= 0) {
                    return String.format("\\u%04x in a field name under '%s'", (int) e.getKey().charAt(at),
                            path.isEmpty() ? "(root)" : path);
                }
                String found = unpairedSurrogate(e.getValue(), p);
                if (found != null) {
                    return found;
                }
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                String found = unpairedSurrogate(n.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static int unpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    public ObjectNode root() {
        return root;
    }

    /** The value at {@code key} (literal or dotted), or {@code null} when absent. */
    public JsonNode get(String key) {
        JsonNode direct = root.get(key);
        if (direct != null || key.indexOf('.') < 0) {
            return direct;
        }
        JsonNode cur = root;
        for (String part : key.split("\\.", -1)) {
            if (cur == null || !cur.isObject()) {
                return null;
            }
            cur = cur.get(part);
        }
        return cur;
    }

    /**
     * The text at {@code key}, or {@code null} when absent or JSON null. A non-string value is an
     * error: ops that read text must not silently read a number as text.
     */
    public String text(String key) {
        JsonNode n = get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException(
                    "field '" + key + "' is " + n.getNodeType().name().toLowerCase() + ", not a string");
        }
        return n.textValue();
    }

    /**
     * Sets {@code key} (literal if it exists at the top level, else dotted, creating missing or
     * null parents).
     *
     * @throws IllegalArgumentException if a parent on the path holds a non-object value, which
     *     is never overwritten (Data-Juicer's nested set fails there too)
     */
    public void set(String key, JsonNode value) {
        if (root.has(key) || key.indexOf('.') < 0) {
            root.set(key, value);
            return;
        }
        String[] parts = key.split("\\.", -1);
        ObjectNode cur = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = cur.get(parts[i]);
            if (next == null || next.isNull()) {
                next = cur.putObject(parts[i]);
            } else if (!next.isObject()) {
                throw new IllegalArgumentException("cannot set '" + key + "': '"
                        + String.join(".", Arrays.copyOf(parts, i + 1)) + "' is "
                        + next.getNodeType().name().toLowerCase() + ", not an object");
            }
            cur = (ObjectNode) next;
        }
        cur.set(parts[parts.length - 1], value);
    }

    public void setText(String key, String text) {
        set(key, TextNode.valueOf(text));
    }

    /** {@code __dj__stats__}, created empty when missing (as Data-Juicer's Filter.run does). */
    public ObjectNode stats() {
        return objectField(STATS);
    }

    /** {@code __dj__meta__}, created empty when missing. */
    public ObjectNode meta() {
        return objectField(META);
    }

    private ObjectNode objectField(String name) {
        JsonNode n = root.get(name);
        if (n instanceof ObjectNode) {
            return (ObjectNode) n;
        }
        return root.putObject(name);
    }

    /** Whether a stat is already present (Data-Juicer never recomputes it then). */
    public boolean hasStat(String key) {
        JsonNode s = root.get(STATS);
        return s != null && s.has(key);
    }

    public Sample copy() {
        return new Sample(root.deepCopy());
    }

    public String toJson() {
        return root.toString();
    }

    /**
     * The JSON line of this sample without the top-level fields in {@code without}; the sample
     * itself is left as it is (the line is written from a shallow copy of the top level).
     */
    public String toJson(java.util.Set<String> without) {
        boolean any = false;
        for (String field : without) {
            if (root.has(field)) {
                any = true;
                break;
            }
        }
        if (!any) {
            return toJson();
        }
        ObjectNode top = JsonNodeFactory.instance.objectNode();
        for (var it = root.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!without.contains(e.getKey())) {
                top.set(e.getKey(), e.getValue());
            }
        }
        return top.toString();
    }

    @Override
    public String toString() {
        return toJson();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sample && ((Sample) o).root.equals(root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }
}
