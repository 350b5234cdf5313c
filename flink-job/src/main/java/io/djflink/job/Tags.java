package io.djflink.job;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.OutputTag;

/**
 * The side outputs every stage writes to. Tracer records are {@code <tracer file>\t<json>} so
 * the trace sink can bucket them by file; error records are JSON lines.
 */
public final class Tags {

    public static final OutputTag<String> TRACE = new OutputTag<>("trace", Types.STRING);
    public static final OutputTag<String> ERRORS = new OutputTag<>("errors", Types.STRING);
    /** Final counts of a task, {@code name\tvalue}, sent once when its input ends. */
    public static final OutputTag<String> COUNTS = new OutputTag<>("counts", Types.STRING);

    private Tags() {}
}
