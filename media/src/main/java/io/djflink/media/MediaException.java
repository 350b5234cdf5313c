package io.djflink.media;

import java.io.IOException;

/**
 * A media file that cannot be used: missing, empty, over a limit, truncated, or not what its
 * sample says it is. The message names the location and the reason. Ops let it propagate, so the
 * engine sends the sample to the error output (with the op and this message) and goes on with
 * the next sample, as Data-Juicer's {@code skip_op_error} does.
 */
public class MediaException extends IOException {

    private final String location;
    private final String reason;

    public MediaException(String location, String reason) {
        this(location, reason, null);
    }

    public MediaException(String location, String reason, Throwable cause) {
        super(location + ": " + reason, cause);
        this.location = location;
        this.reason = reason;
    }

    /** The location as the sample lists it. */
    public String location() {
        return location;
    }

    /** Why the file cannot be used, without the location. */
    public String reason() {
        return reason;
    }
}
