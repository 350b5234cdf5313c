package io.djflink.run;

/** An op failed on a sample and the recipe said not to skip errors ({@code skip_op_error: false}). */
public class OpFailure extends RuntimeException {

    public OpFailure(String opId, Throwable cause) {
        super("op " + opId + " failed on a sample and skip_op_error is false: " + cause, cause);
    }

    /** Rebuilds a failure from its message (when the original crossed a serialization boundary). */
    public OpFailure(String message) {
        super(message);
    }
}
