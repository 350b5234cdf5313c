package io.djflink.state;

/**
 * Names of the accumulators a djflink job keeps, so the summary can read them back. Per op:
 * {@code op.<id>.in|kept|filtered|duplicates|errors|nanos}; per job: read, malformed, bytes.
 */
public final class JobCounters {

    public static final String READ = "source.read";
    public static final String MALFORMED = "source.malformed";
    public static final String BYTES = "source.bytes";
    public static final String WRITTEN = "sink.written";

    private JobCounters() {}

    public static String op(String opId, String counter) {
        return "op." + opId + "." + counter;
    }
}
