package io.djflink.ops.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Python-vs-Java regex differences the translation must bridge. Expected values were checked
 * against Python's {@code regex} module ({@code regex.sub(p, r, s, flags=regex.DOTALL)}).
 */
class PyRegexTest {

    private static String sub(String pattern, String repl, String text) {
        PyRegex.Compiled c = PyRegex.compile(pattern, true);
        return PyRegex.sub(c.pattern(), PyRegex.replacement(repl, c), text);
    }

    @Test
    void wordClassIsUnicodeAware() {
        assertThat(sub("\\w+", "W", "héllo 测试 e\u0301")).isEqualTo("W W W");
    }

    @Test
    void digitClassMatchesNonAsciiDecimalDigits() {
        assertThat(sub("\\d", "D", "3٣𝟘²")).isEqualTo("DDD²");
    }

    @Test
    void namedGroupsAndBackreferencesInTemplate() {
        assertThat(sub("(?P<user>\\w+)@(?P<host>[\\w.]+)", "\\g<host>/\\g<user>/\\2\\1/\\g<0>", "ab@c.d"))
                .isEqualTo("c.d/ab/c.dab/ab@c.d");
    }

    @Test
    void dollarInTemplateIsLiteral() {
        assertThat(sub("(a)", "$1 ${x} $", "a")).isEqualTo("$1 ${x} $");
    }

    @Test
    void templateEscapesAreDecoded() {
        assertThat(sub("a", "\\n\\t\\\\\\x41\\u00e9\\101\\0|\\&", "a")).isEqualTo("\n\t\\Aé" + "A\u0000|\\&");
    }

    @Test
    void unmatchedGroupInTemplateIsEmpty() {
        assertThat(sub("(a)|b", "[\\1]", "ab")).isEqualTo("[a][]");
    }

    @Test
    void namedBackreferenceInPattern() {
        assertThat(sub("(?P<c>.)(?P=c)", "2", "aab")).isEqualTo("2b");
    }

    @Test
    void backreferenceFollowedByDigitStaysOneGroup() {
        assertThat(sub("(a)\\1", "X", "aa1")).isEqualTo("X1");
    }

    @Test
    void inlineFlagHoldsFromItsPlaceToTheEndOfItsGroup() {
        assertThat(sub("a(?i)b", "-", "aBAB")).isEqualTo("-AB");
        assertThat(sub("(a(?i)b)c", "-", "aBc aBC")).isEqualTo("- aBC");
    }

    @Test
    void asciiFlagNarrowsWordClass() {
        assertThat(sub("(?a)\\w+", "A", "héllo")).isEqualTo("AéA");
    }

    @Test
    void verboseFlagHoldsFromItsPlace() {
        assertThat(sub("a b(?x)c d", "-", "a bcd a bc d")).isEqualTo("- a bc d");
        assertThat(sub("(?x: a b )c d", "-", "abc d abcd")).isEqualTo("- abcd");
    }

    @Test
    void braceThatIsNotAQuantifierIsLiteral() {
        assertThat(sub("a{x}", "-", "a{x}")).isEqualTo("-");
    }

    @Test
    void quantifierWithoutMinimumStartsAtZero() {
        assertThat(sub("a{,2}", "-", "aaab")).isEqualTo("---b-");
    }

    @Test
    void bracketAndAmpersandInsideClassAreLiteral() {
        assertThat(sub("[a[b]", "-", "[ab]")).isEqualTo("---]");
        assertThat(sub("[&&a]", "-", "&a")).isEqualTo("--");
    }

    @Test
    void closingBracketFirstInClassIsLiteral() {
        assertThat(sub("[]a]", "-", "]ab")).isEqualTo("--b");
        assertThat(sub("[^]a]", "-", "]ab")).isEqualTo("]a-");
    }

    @Test
    void capitalZIsTheVeryEnd() {
        assertThat(sub("e\\Z", "E", "e\n")).isEqualTo("e\n");
        assertThat(sub("e$", "E", "e\n")).isEqualTo("E\n");
    }

    @Test
    void onlyNewlineEndsALine() {
        assertThat(sub("(?m)x$", "X", "x\rx\u2028x\nx")).isEqualTo("x\rx\u2028X\nX");
    }

    @Test
    void verticalTabEscapeIsOneCharacter() {
        assertThat(sub("\\v", "*", "\u000B\n")).isEqualTo("*\n");
    }

    @Test
    void verboseModeDropsSpacesAndComments() {
        assertThat(sub("(?x) a  b # comment with [ (\n | c", "-", "abc")).isEqualTo("--");
    }

    @Test
    void bareScriptPropertyName() {
        assertThat(sub("\\p{Han}+", "H", "a测试b")).isEqualTo("aHb");
    }

    @Test
    void emptyMatchesStepOverSurrogatePairs() {
        assertThat(sub("x*", "-", "😀x😀")).isEqualTo("-😀--😀-");
    }

    @Test
    void rawStringLiteralIsUnwrapped() {
        assertThat(PyRegex.unwrapRawLiteral("r'\\d+'")).isEqualTo("\\d+");
        assertThat(PyRegex.unwrapRawLiteral("r\"x\"")).isEqualTo("x");
        assertThat(PyRegex.unwrapRawLiteral("r'")).isEqualTo("r'");
        assertThat(PyRegex.unwrapRawLiteral("r''")).isEmpty();
    }

    @Test
    void noMatchReturnsTheSameInstance() {
        String text = "nothing here";
        PyRegex.Compiled c = PyRegex.compile("\\d", true);
        assertThat(PyRegex.sub(c.pattern(), PyRegex.replacement("", c), text)).isSameAs(text);
    }

    @Test
    void invalidPatternsAreRefused() {
        assertThatThrownBy(() -> PyRegex.compile("(", true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PyRegex.compile("[a", true)).hasMessageContaining("unterminated character set");
        assertThatThrownBy(() -> PyRegex.compile("\\q", true)).hasMessageContaining("bad escape \\q");
        assertThatThrownBy(() -> PyRegex.compile("(a)\\2", true)).hasMessageContaining("invalid group reference");
        assertThatThrownBy(() -> PyRegex.compile("(?<", true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructsWithoutJavaEquivalentAreRefused() {
        assertThatThrownBy(() -> PyRegex.compile("(?|a|b)", true)).hasMessageContaining("no Java equivalent");
        assertThatThrownBy(() -> PyRegex.compile("(?(1)a|b)", true)).hasMessageContaining("no Java equivalent");
    }

    @Test
    void invalidTemplatesAreRefused() {
        PyRegex.Compiled c = PyRegex.compile("(a)", true);
        assertThatThrownBy(() -> PyRegex.replacement("\\2", c)).hasMessageContaining("invalid group reference");
        assertThatThrownBy(() -> PyRegex.replacement("\\q", c)).hasMessageContaining("bad escape \\q");
        assertThatThrownBy(() -> PyRegex.replacement("\\g<nope>", c)).hasMessageContaining("unknown group name");
        assertThatThrownBy(() -> PyRegex.replacement("x\\", c)).hasMessageContaining("end of pattern");
    }
}
