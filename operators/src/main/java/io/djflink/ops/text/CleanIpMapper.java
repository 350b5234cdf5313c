package io.djflink.ops.text;

import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.Params;
import java.util.List;

/**
 * Replaces IP addresses in the text with {@code repl} (default: removes them). The default pattern
 * finds dotted IPv4 addresses whose four parts are 0-255 and IPv6 addresses written as all eight
 * groups of 1-4 hex digits (no {@code ::} shorthand). It is not anchored, so an address embedded in
 * longer digit runs is still cut out of them. {@code pattern} replaces it with any Python regex.
 */
public final class CleanIpMapper extends RegexSubstitutionMapper {

    /** Data-Juicer's default, as a Python regex. */
    static final String DEFAULT_PATTERN = "(?:(?:1[0-9][0-9]\\.)|(?:2[0-4][0-9]\\.)|"
            + "(?:25[0-5]\\.)|(?:[1-9][0-9]\\.)|(?:[0-9]\\.))"
            + "{3}(?:(?:1[0-9][0-9])|(?:2[0-4][0-9])|"
            + "(?:25[0-5])|(?:[1-9][0-9])|(?:[0-9]))|"
            + "([\\da-fA-F]{1,4}:){7}[\\da-fA-F]{1,4}";

    private static final PyRegex.Compiled DEFAULT = PyRegex.compile(DEFAULT_PATTERN, true);

    CleanIpMapper(Params p) {
        super(p, DEFAULT, ".:");
    }

    /** Registers {@code clean_ip_mapper}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "clean_ip_mapper";
        }

        @Override
        public OpKind kind() {
            return OpKind.MAPPER;
        }

        @Override
        public String doc() {
            return "replaces IPv4 and full IPv6 addresses (or matches of a custom regex) with repl";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return RegexSubstitutionMapper.params("IPv4 and IPv6 addresses");
        }

        @Override
        public Op create(Params p) {
            return new CleanIpMapper(p);
        }
    }
}
