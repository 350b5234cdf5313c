package io.djflink.ops.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpecialCharactersTest {

    @Test
    void holdsTheAppendixCodePointsAndTheSingleCodePointEmojiOfEmoji15() {
        // 236 listed code points + 1386 emoji, of which (c), (r), TM and U+2665 are in both.
        assertThat(SpecialCharacters.size()).isEqualTo(236 + 1386 - 4);
    }

    @Test
    void containsAsciiPunctuationDigitsWhitespaceAndListedSymbols() {
        for (int cp : "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~0123456789 \t\n\r\u000b\u000c".codePoints().toArray()) {
            assertThat(SpecialCharacters.contains(cp)).as("U+%04X", cp).isTrue();
        }
        assertThat(SpecialCharacters.contains(0x0085)).isTrue();
        assertThat(SpecialCharacters.contains(0x4E00)).isTrue();
        assertThat(SpecialCharacters.contains(0xFFFD)).isTrue();
    }

    @Test
    void excludesLettersAndUnlistedWhitespace() {
        assertThat(SpecialCharacters.contains('a')).isFalse();
        assertThat(SpecialCharacters.contains(0x00A0)).isFalse();
        assertThat(SpecialCharacters.contains(0x4E01)).isFalse();
    }

    @Test
    void containsSupplementaryEmojiByCodePoint() {
        assertThat(SpecialCharacters.contains(0x1F60A)).isTrue(); // smiling face with smiling eyes
        assertThat(SpecialCharacters.contains(0x1F3FB)).isTrue(); // skin tone modifier (component)
        assertThat(SpecialCharacters.contains(0x1F9B0)).isTrue(); // hair component
        assertThat(SpecialCharacters.contains(0x1FAE8)).isTrue(); // shaking face, Emoji 15.0
    }

    @Test
    void containsUnqualifiedEmojiButNotSequencePieces() {
        assertThat(SpecialCharacters.contains(0x263A)).isTrue(); // white smiling face, unqualified
        assertThat(SpecialCharacters.contains(0xFE0F)).isFalse();
        assertThat(SpecialCharacters.contains(0x200D)).isFalse();
        assertThat(SpecialCharacters.contains(0x1F1E6)).isFalse(); // regional indicator: only in flag pairs
    }

    @Test
    void excludesEmojiNewerThanEmoji15() {
        assertThat(SpecialCharacters.contains(0x1FAE9)).isFalse(); // Emoji 16.0
        assertThat(SpecialCharacters.contains(0x1F6DC)).isTrue(); // wireless, Emoji 15.0
    }

    @Test
    void countsCodePointsNotUtf16Units() {
        assertThat(SpecialCharacters.count("a😊b!")).isEqualTo(2);
    }

    @Test
    void stripRemovesSurrogatePairEmojiAtBothEnds() {
        assertThat(SpecialCharacters.strip("😊(word)!😸")).isEqualTo("word");
    }

    @Test
    void stripKeepsSpecialCharactersInside() {
        assertThat(SpecialCharacters.strip("it's")).isEqualTo("it's");
    }

    @Test
    void stripOfOnlySpecialCharactersIsEmpty() {
        assertThat(SpecialCharacters.strip("…😊!")).isEmpty();
        assertThat(SpecialCharacters.allSpecial("…😊!")).isTrue();
    }

    @Test
    void strippedLengthCountsCodePoints() {
        assertThat(SpecialCharacters.strippedLength("!😊x😊y!")).isEqualTo(3); // x😊y: 4 chars
        assertThat(SpecialCharacters.strippedLength("!!")).isZero();
    }
}
