package io.djflink.ops.text;

import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.Params;
import java.util.List;

/**
 * Replaces e-mail addresses in the text with {@code repl} (default: removes them). The default
 * address shape is a run of ASCII letters, digits and {@code . - + _}, an {@code @}, a lower-case
 * domain and a lower-case top-level suffix; {@code pattern} replaces that with any Python regex.
 */
public final class CleanEmailMapper extends RegexSubstitutionMapper {

    /** Data-Juicer's default, as a Python regex. */
    static final String DEFAULT_PATTERN = "[A-Za-z0-9.\\-+_]+@[a-z0-9.\\-+_]+\\.[a-z]+";

    private static final PyRegex.Compiled DEFAULT = PyRegex.compile(DEFAULT_PATTERN, true);

    CleanEmailMapper(Params p) {
        super(p, DEFAULT, "@");
    }

    /** Registers {@code clean_email_mapper}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "clean_email_mapper";
        }

        @Override
        public OpKind kind() {
            return OpKind.MAPPER;
        }

        @Override
        public String doc() {
            return "replaces e-mail addresses (or matches of a custom regex) with repl";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return RegexSubstitutionMapper.params("e-mail addresses");
        }

        @Override
        public Op create(Params p) {
            return new CleanEmailMapper(p);
        }
    }
}
