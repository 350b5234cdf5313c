package io.djflink.ops.text;

import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.Params;
import java.util.List;

/**
 * Replaces links in the text with {@code repl} (default: removes them). The default pattern,
 * case-insensitive, starts at a word boundary with a scheme ({@code word:} followed by slashes or
 * an address character), {@code www.}, or a {@code domain.tld/} prefix, and runs to the last
 * character that is not whitespace, a bracket or trailing punctuation (balanced parentheses are
 * kept inside). {@code pattern} replaces it with any Python regex.
 */
public final class CleanLinksMapper extends RegexSubstitutionMapper {

    /** Data-Juicer's default, as a Python regex. */
    static final String DEFAULT_PATTERN = "(?i)\\b("
            + "(?:[a-z][\\w-]+:(?:\\/{1,3}|"
            + "[a-z0-9%])|www\\d{0,3}[.]|"
            + "[a-z0-9.\\-]+[.][a-z]{2,4}\\/)"
            + "(?:[^\\s()<>]+|\\(([^\\s()<>]+|"
            + "(\\([^\\s()<>]+\\)))*\\))"
            + "+(?:\\(([^\\s()<>]+|(\\([^\\s()<>]+\\)))*\\)|"
            + "[^\\s`!()\\[\\]{};:\\'\\\".,<>?«»“”‘’])"
            + ")";

    private static final PyRegex.Compiled DEFAULT = PyRegex.compile(DEFAULT_PATTERN, true);

    CleanLinksMapper(Params p) {
        super(p, DEFAULT);
    }

    /** Registers {@code clean_links_mapper}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "clean_links_mapper";
        }

        @Override
        public OpKind kind() {
            return OpKind.MAPPER;
        }

        @Override
        public String doc() {
            return "replaces URLs (http/https/ftp/..., www., domain.tld/) or matches of a custom regex with repl";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return RegexSubstitutionMapper.params("URLs");
        }

        @Override
        public Op create(Params p) {
            return new CleanLinksMapper(p);
        }
    }
}
