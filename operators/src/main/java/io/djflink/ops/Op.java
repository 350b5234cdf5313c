package io.djflink.ops;

/**
 * An operator of a recipe. Implementations are created by their {@link OpFactory} from bound
 * parameters; construction must be cheap and must not load resources. Heavy lifecycle (models,
 * word lists) belongs in {@link #open()}.
 *
 * <p>An op instance is used by one thread at a time.
 */
public interface Op extends AutoCloseable {

    /** The Data-Juicer name of this op, e.g. {@code text_length_filter}. */
    String name();

    /** The sample field this op reads, for the tracer. */
    String textKey();

    /** Loads resources. Called once before the first sample. */
    default void open() throws Exception {}

    @Override
    default void close() throws Exception {}
}
