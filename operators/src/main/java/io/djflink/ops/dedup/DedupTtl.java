package io.djflink.ops.dedup;

import io.djflink.ops.ParamException;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code dedup_ttl}, the djflink extension parameter every deduplicator accepts: how long a
 * streaming job remembers what it has seen. Data-Juicer has no such parameter (its dedup is a
 * batch pass), so it is declared once here and read by the engine with {@link #of(Params)}.
 *
 * <p>Values: a number of seconds, or a number with a unit: {@code 500ms}, {@code 45s},
 * {@code 30m}, {@code 12h}, {@code 7d}. Null (the default) means forever.
 */
public final class DedupTtl {

    /** The parameter's declaration, shared by the deduplicators' factories. */
    public static final ParamSpec PARAM = ParamSpec.of("dedup_ttl", ParamType.ANY, null,
            "djflink extension: streaming mode only (no effect in batch mode): how long the seen signatures and "
                    + "candidate buckets are kept, e.g. 7d, 12h, 30m, 45s or a number of seconds; None keeps them "
                    + "forever. Expiry is by processing time since the entry was written, so a copy that arrives "
                    + "after its original expired is kept again");

    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)?");

    private DedupTtl() {}

    /**
     * The bound value, or null for forever (also for an op that does not declare the parameter).
     *
     * @throws ParamException when the value is not a positive duration
     */
    public static Duration of(Params p) {
        Object raw = p.asMap().get(PARAM.name());
        if (raw == null) {
            return null;
        }
        Duration d = parse(raw);
        if (d == null || d.isZero() || d.isNegative()) {
            throw new ParamException(PARAM.name(), "parameter '" + PARAM.name() + "' of op " + p.op() + " is '" + raw
                    + "', not a positive duration (examples: 7d, 12h, 30m, 45s, or a number of seconds)");
        }
        return d;
    }

    private static Duration parse(Object raw) {
        if (raw instanceof Integer || raw instanceof Long) {
            return parse(raw + "s");
        }
        if (!(raw instanceof String)) {
            return null;
        }
        Matcher m = FORM.matcher(((String) raw).trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return null;
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        try {
            Duration d = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m", "min" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            // Flink keeps expiry times in epoch milliseconds
            d.toMillis();
            return d;
        } catch (ArithmeticException e) {
            return null;
        }
    }
}
