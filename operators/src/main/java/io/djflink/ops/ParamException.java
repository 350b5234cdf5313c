package io.djflink.ops;

/** A parameter value an op cannot accept; names the parameter so the recipe line can be found. */
public class ParamException extends IllegalArgumentException {

    private final String param;

    public ParamException(String param, String message) {
        super(message);
        this.param = param;
    }

    /** The offending parameter, or {@code null} when the problem is not tied to one. */
    public String param() {
        return param;
    }
}
