package io.djflink.ops.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void fromDocumentSplitsOnSpaceNewlineAndTabDroppingEmpties() {
        assertThat(Words.fromDocument("  a  b\n\nc\td ")).containsExactly("a", "b", "c", "d");
    }

    @Test
    void otherWhitespaceStaysInsideWords() {
        assertThat(Words.fromDocument("a\rb c\u00a0d")).containsExactly("a\rb", "c\u00a0d");
    }

    @Test
    void splitOnWhitespaceWithoutNewlineAndTabSplitsOnSpaceOnly() {
        assertThat(Words.splitOnWhitespace("a\nb c\td", false, false)).containsExactly("a\nb", "c\td");
    }

    @Test
    void refineLowerCasesStripsAndDropsEmpties() {
        assertThat(Words.refine(List.of("Hello,", "--", "(World)"), true, true)).containsExactly("hello", "world");
    }

    @Test
    void refineWithoutStrippingKeepsEveryWord() {
        assertThat(Words.refine(List.of("A", "--"), true, false)).containsExactly("a", "--");
    }

    @Test
    void lowerFollowsPythonWhateverTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(new Locale("tr", "TR"));
            assertThat(Words.lower("TITLE")).isEqualTo("title");
            assertThat(Words.lower("\u0130")).isEqualTo("i\u0307");
        } finally {
            Locale.setDefault(saved);
        }
    }
}
