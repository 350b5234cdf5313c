package io.djflink.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.djflink.ops.Sample;
import io.djflink.recipe.OpConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * The records of Data-Juicer's tracer and of djflink's error output, as JSON lines. Tracer files
 * are named as Data-Juicer names them ({@code filter-<op>.jsonl}, {@code mapper-<op>.jsonl},
 * {@code duplicate-<op>.jsonl}); an op that appears twice in a recipe gets its position appended.
 */
public final class TraceRecords {

    private TraceRecords() {}

    /** The tracer file (without .jsonl) for an op of the given kind prefix. */
    public static String file(String prefix, OpConfig op, List<OpConfig> all) {
        long same = all.stream().filter(o -> o.name().equals(op.name())).count();
        return prefix + "-" + op.name() + (same > 1 ? "-" + op.index() : "");
    }

    /** A filtered sample: the whole sample with its stats, as Data-Juicer's filter trace has it. */
    public static String filtered(Sample sample) {
        return sample.toJson();
    }

    /** A mapper edit, with Data-Juicer's key names. */
    public static String mapped(String before, String after) {
        ObjectNode n = Sample.JSON.createObjectNode();
        n.put("original text", before);
        n.put("processed_text", after);
        return n.toString();
    }

    /** A duplicate pair: the surviving (earlier) sample and the dropped one. */
    public static String duplicate(Sample kept, Sample dropped) {
        ObjectNode n = Sample.JSON.createObjectNode();
        n.set("dup1", kept.root());
        n.set("dup2", dropped.root());
        return n.toString();
    }

    /** An op failure: the sample, the op, and the exception with its stack. */
    public static String opError(Sample sample, OpConfig op, Throwable error, Origins origins, int source, long position) {
        ObjectNode n = Sample.JSON.createObjectNode();
        n.put("reason", "op_error");
        n.put("op", op.name());
        n.put("op_index", op.index());
        n.put("error", String.valueOf(error));
        StringWriter st = new StringWriter();
        error.printStackTrace(new PrintWriter(st));
        n.put("stack", st.toString());
        if (origins != null) {
            origins.locate(n, source, position);
        }
        n.set("sample", sample.root());
        return n.toString();
    }

    /**
     * A record that could not be read as a sample: the raw line (as text when it is valid UTF-8,
     * else base64), where it was, and why.
     */
    public static String malformed(String reason, Origins origins, int source, long position, byte[] raw, int rawLength,
            boolean truncated) {
        ObjectNode n = Sample.JSON.createObjectNode();
        n.put("reason", "malformed");
        n.put("error", reason);
        origins.locate(n, source, position);
        n.put("raw_bytes", rawLength);
        String text = Utf8.decodeStrict(raw, 0, Math.min(raw.length, rawLength));
        if (text != null) {
            n.put("raw", text);
        } else {
            n.put("raw_base64", java.util.Base64.getEncoder().encodeToString(
                    raw.length == rawLength ? raw : java.util.Arrays.copyOf(raw, Math.min(raw.length, rawLength))));
        }
        if (truncated) {
            n.put("raw_truncated", true);
        }
        return n.toString();
    }
}
