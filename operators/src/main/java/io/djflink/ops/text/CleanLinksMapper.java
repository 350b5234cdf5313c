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

    /** Characters a link is made of. */
    private static final String LINK_CHAR = "[^\\s()<>]";
    /** Characters a link may end with. */
    private static final String LINK_END = "[^\\s`!()\\[\\]{};:\\'\\\".,<>?«»“”‘’]";
    /** A parenthesised part, one level of nesting. */
    private static final String PARENS = "\\((?:[^\\s()<>]++|\\([^\\s()<>]+\\))*+\\)";

    /**
     * The default pattern with the same matches and the same group 1, rewritten so that a long run
     * of link characters without a valid last character costs linear rather than quadratic time
     * (Data-Juicer's nested {@code (x+|y)+} backtracks over every split of the run). The body is one
     * unit (a link character or a parenthesised part), then either every further parenthesised part
     * (with the link characters between them) optionally followed by the last valid end character
     * after them, or directly the last valid end character. Units never overlap, so taking them
     * possessively loses no match, and the greedy tail finds the same, longest, end.
     */
    static final String FAST_PATTERN = "(?i)\\b("
            + "(?:[a-z][\\w-]+:(?:\\/{1,3}|"
            + "[a-z0-9%])|www\\d{0,3}[.]|"
            + "[a-z0-9.\\-]+[.][a-z]{2,4}\\/)"
            + "(?:" + LINK_CHAR + "|" + PARENS + ")"
            + "(?:(?:" + LINK_CHAR + "*+" + PARENS + ")++(?:" + LINK_CHAR + "*" + LINK_END + ")?"
            + "|" + LINK_CHAR + "*" + LINK_END + ")"
            + ")";

    private static final PyRegex.Compiled DEFAULT = PyRegex.compile(DEFAULT_PATTERN, true);
    private static final PyRegex.Compiled FAST = PyRegex.compile(FAST_PATTERN, true);

    CleanLinksMapper(Params p) {
        super(p, DEFAULT, FAST, ".:");
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
