package io.djflink.ops.text;

import io.djflink.ops.BaseOp;
import io.djflink.ops.Mapper;
import io.djflink.ops.ParamException;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Shared body of the {@code clean_*} mappers that take {@code pattern} and {@code repl}: replaces
 * every match of a Python regex (DOTALL) in the text with a Python replacement template. A user
 * pattern may be written as a raw-string literal {@code r'...'}; without one the op's own default
 * pattern is used.
 */
abstract class RegexSubstitutionMapper extends BaseOp implements Mapper {

    private final Pattern pattern;
    private final PyRegex.Replacement replacement;
    private final String triggers;

    RegexSubstitutionMapper(Params p, PyRegex.Compiled defaultPattern, String defaultTriggers) {
        this(p, defaultPattern, null, defaultTriggers);
    }

    /**
     * @param fastDefault a pattern that finds exactly the matches of {@code defaultPattern} with
     *     the same leading groups but runs faster; used for the default pattern when {@code repl}
     *     refers to no other group
     * @param defaultTriggers characters of which every match of the default pattern holds one, where
     *     matches of the default never contain whitespace (lets the matcher skip most of the text)
     */
    RegexSubstitutionMapper(Params p, PyRegex.Compiled defaultPattern, PyRegex.Compiled fastDefault, String defaultTriggers) {
        super(p);
        PyRegex.Compiled compiled = defaultPattern;
        if (!p.isNull("pattern")) {
            try {
                compiled = PyRegex.compile(PyRegex.unwrapRawLiteral(p.string("pattern")), true);
            } catch (IllegalArgumentException e) {
                throw new ParamException("pattern", "parameter 'pattern' of op " + p.op() + ": " + e.getMessage());
            }
        }
        try {
            this.replacement = PyRegex.replacement(p.string("repl"), compiled);
        } catch (IllegalArgumentException e) {
            throw new ParamException("repl", "parameter 'repl' of op " + p.op() + ": " + e.getMessage());
        }
        this.triggers = compiled == defaultPattern ? defaultTriggers : null;
        this.pattern = compiled == defaultPattern && fastDefault != null
                        && replacement.maxGroup() <= fastDefault.groupCount()
                ? fastDefault.pattern()
                : compiled.pattern();
    }

    @Override
    public final void map(Sample sample, SampleContext ctx) {
        String text = sample.text(textKey);
        if (text == null) {
            return;
        }
        String out = triggers != null
                ? PyRegex.sub(pattern, replacement, text, triggers)
                : PyRegex.sub(pattern, replacement, text);
        if (out != text) {
            sample.setText(textKey, out);
        }
    }

    /** The {@code pattern} and {@code repl} parameters; {@code what} names the default's target. */
    static List<ParamSpec> params(String what) {
        return List.of(
                ParamSpec.of("pattern", ParamType.STRING, null,
                        "Python regular expression to remove (default: " + what + "); r'...' is accepted"),
                ParamSpec.of("repl", ParamType.STRING, "",
                        "replacement, a Python template (\\1, \\g<name> refer to groups)"));
    }
}
