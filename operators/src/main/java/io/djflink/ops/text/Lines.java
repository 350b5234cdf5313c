package io.djflink.ops.text;

import io.djflink.ops.SampleContext;
import java.util.List;

/** The lines of a text as the line filters share them under op fusion. */
final class Lines {

    /** Data-Juicer's context variable name for {@code text.splitlines()}. */
    static final String CONTEXT = "__dj__lines";

    private Lines() {}

    static List<String> of(String text, SampleContext ctx) {
        return ctx.derive(CONTEXT, text, PyStr::splitLines);
    }
}
