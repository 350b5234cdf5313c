package io.djflink.ops;

/** Holds what every op reads from the common arguments. */
public abstract class BaseOp implements Op {

    private final String name;
    protected final String textKey;

    protected BaseOp(Params params) {
        this.name = params.op();
        this.textKey = params.string("text_key");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String textKey() {
        return textKey;
    }
}
