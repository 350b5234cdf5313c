package io.djflink.ops.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.ops.Deduplicator;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * document_deduplicator: md5(text.strip()) after optional lower() and optional removal of
 * Python's {@code \s+|\d+|[string.punctuation]} (Unicode whitespace as str.isspace, Unicode
 * decimal digits Nd, ASCII punctuation only).
 */
class DocumentDeduplicatorTest {

    private static Deduplicator dedup(boolean lowercase, boolean ignoreNonCharacter) {
        return (Deduplicator) OpRegistry.get().factory("document_deduplicator")
                .create(Map.of("lowercase", lowercase, "ignore_non_character", ignoreNonCharacter));
    }

    private static String hash(Deduplicator d, String text) throws Exception {
        return d.hash(Sample.ofText("text", text), new SampleContext());
    }

    private static String md5(String s) throws Exception {
        byte[] d = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
        return String.format("%032x", new BigInteger(1, d));
    }

    @Test
    void signatureIsTheMd5HexOfTheStrippedText() throws Exception {
        assertThat(hash(dedup(false, false), "  Hello, 世界!\n")).isEqualTo(md5("Hello, 世界!"));
    }

    @Test
    void stripRemovesPythonWhitespaceIncludingUnicodeSpaces() throws Exception {
        Deduplicator d = dedup(false, false);

        assertThat(hash(d, "\u3000\u00A0a b\u2029\u0085\u001C")).isEqualTo(md5("a b"));
    }

    @Test
    void stripKeepsZeroWidthSpaceWhichPythonDoesNotCountAsWhitespace() throws Exception {
        assertThat(hash(dedup(false, false), "\u200Ba")).isEqualTo(md5("\u200Ba"));
    }

    @Test
    void caseMattersWithoutLowercase() throws Exception {
        Deduplicator d = dedup(false, false);

        assertThat(hash(d, "Sunday")).isNotEqualTo(hash(d, "sunday"));
    }

    @Test
    void lowercaseFoldsCaseIncludingNonAscii() throws Exception {
        Deduplicator d = dedup(true, false);

        assertThat(hash(d, "ÄÖÜ Sunday")).isEqualTo(hash(d, "äöü sunday"));
        assertThat(hash(d, "ΣΊΣΥΦΟΣ")).isEqualTo(md5("σίσυφος"));
    }

    @Test
    void lowercaseIsLocaleIndependent() throws Exception {
        // Python's str.lower(): 'I' -> 'i' whatever the locale; U+0130 -> 'i' + U+0307.
        Deduplicator d = dedup(true, false);

        assertThat(hash(d, "TITLE")).isEqualTo(md5("title"));
        assertThat(hash(d, "\u0130")).isEqualTo(md5("i\u0307"));
    }

    @Test
    void ignoreNonCharacterRemovesAsciiPunctuationWhitespaceAndDigits() throws Exception {
        Deduplicator d = dedup(false, true);

        assertThat(hash(d, "Today is Sunday, 2024!")).isEqualTo(md5("TodayisSunday"));
    }

    @Test
    void ignoreNonCharacterRemovesUnicodeDecimalDigits() throws Exception {
        Deduplicator d = dedup(false, true);

        // Arabic-Indic, Devanagari, full-width and mathematical bold (non-BMP) digits are Nd.
        assertThat(hash(d, "a\u0663\u0664b\u0967c\uFF11d\uD835\uDFCEe")).isEqualTo(md5("abcde"));
    }

    @Test
    void ignoreNonCharacterKeepsDigitsThatAreNotDecimal() throws Exception {
        Deduplicator d = dedup(false, true);

        // superscript two, circled one, roman numeral: No / Nl, not matched by Python's \d
        assertThat(hash(d, "a\u00B2\u2460\u2160")).isEqualTo(md5("a\u00B2\u2460\u2160"));
    }

    @Test
    void ignoreNonCharacterRemovesUnicodeWhitespace() throws Exception {
        Deduplicator d = dedup(false, true);

        assertThat(hash(d, "a\u3000b\u00A0c\u2003d\u2028e\u000Bf\u001Fg\u0085h")).isEqualTo(md5("abcdefgh"));
    }

    @Test
    void ignoreNonCharacterKeepsZeroWidthSpaceAndNonAsciiPunctuation() throws Exception {
        Deduplicator d = dedup(false, true);

        assertThat(hash(d, "a\u200Bb\uFF01c\u3002d\u2014e")).isEqualTo(md5("a\u200Bb\uFF01c\u3002d\u2014e"));
    }

    @Test
    void lowercaseAndIgnoreNonCharacterMakeNearCopiesEqual() throws Exception {
        Deduplicator d = dedup(true, true);

        assertThat(hash(d, "Today is Sunday and it's a happy day!"))
                .isEqualTo(hash(d, "Today is sunday and it's a happy day?"));
    }

    @Test
    void whitespaceOnlyTextHashesLikeEmptyText() throws Exception {
        Deduplicator d = dedup(false, false);

        assertThat(hash(d, " \t\n")).isEqualTo(md5(""));
    }

    @Test
    void missingTextIsAnError() {
        Deduplicator d = dedup(false, false);

        assertThatThrownBy(() -> d.hash(Sample.parse("{\"other\":1}"), new SampleContext()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no text field 'text'");
    }

    @Test
    void hashIsStableAcrossCalls() throws Exception {
        Deduplicator d = dedup(true, true);

        assertThat(hash(d, "Same text")).isEqualTo(hash(d, "Same text"));
    }

    @Test
    void readsTheConfiguredTextKey() throws Exception {
        Deduplicator d = (Deduplicator) OpRegistry.get().factory("document_deduplicator").create(Map.of("text_key", "meta.body"));

        Sample s = Sample.parse("{\"meta\":{\"body\":\" x \"}}");

        assertThat(d.hash(s, new SampleContext())).isEqualTo(md5("x"));
    }
}
