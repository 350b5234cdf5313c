package io.djflink.ops.dedup;

import io.djflink.ops.BaseOp;
import io.djflink.ops.Deduplicator;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import io.djflink.ops.text.PyStr;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Exact dedup: the signature is the MD5 hex of {@code text.strip()}, after an optional
 * {@code lower()} and an optional removal of whitespace runs, digit runs and ASCII punctuation.
 * The first sample of each signature is kept.
 */
public final class DocumentDeduplicator extends BaseOp implements Deduplicator {

    /**
     * Python's {@code \s+|\d+|[string.punctuation]} on str: Unicode whitespace and Unicode decimal
     * digits.
     */
    private static final Pattern NON_CHARACTER =
            Pattern.compile(
                    "[\\t\\n\\x0B\\f\\r\\x1C-\\x1F\\x20\\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]+"
                            + "|\\p{Nd}+"
                            + "|[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]");

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final boolean lowercase;
    private final boolean ignoreNonCharacter;
    private final MessageDigest md5;

    DocumentDeduplicator(Params p) {
        super(p);
        this.lowercase = p.bool("lowercase");
        this.ignoreNonCharacter = p.bool("ignore_non_character");
        // read by the engine; checked here so that validation reports a bad value
        DedupTtl.of(p);
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every Java runtime", e);
        }
    }

    @Override
    public String hash(Sample sample, SampleContext ctx) {
        String text = sample.text(textKey);
        if (text == null) {
            throw new IllegalArgumentException("sample has no text field '" + textKey + "'");
        }
        if (lowercase) {
            text = text.toLowerCase(Locale.ROOT);
        }
        if (ignoreNonCharacter) {
            text = NON_CHARACTER.matcher(text).replaceAll("");
        }
        byte[] digest = md5.digest(PyStr.strip(text).getBytes(StandardCharsets.UTF_8));
        char[] hex = new char[32];
        for (int i = 0; i < 16; i++) {
            hex[2 * i] = HEX[(digest[i] >> 4) & 0xF];
            hex[2 * i + 1] = HEX[digest[i] & 0xF];
        }
        return new String(hex);
    }

    /** Registers {@code document_deduplicator}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "document_deduplicator";
        }

        @Override
        public OpKind kind() {
            return OpKind.DEDUPLICATOR;
        }

        @Override
        public String doc() {
            return "drops exact duplicates by the MD5 of the stripped text; the first occurrence survives";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("lowercase", ParamType.BOOL, false, "lower-case the text before hashing"),
                    ParamSpec.of("ignore_non_character", ParamType.BOOL, false,
                            "remove whitespace, digits and ASCII punctuation before hashing"),
                    DedupTtl.PARAM);
        }

        @Override
        public Op create(Params p) {
            return new DocumentDeduplicator(p);
        }
    }
}
