package io.djflink.ops.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.ops.Mapper;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DJ: {@code text.strip()}, then each of the 23 VARIOUS_WHITESPACES code points becomes ' '. */
class WhitespaceNormalizationMapperTest {

    private static final int[] VARIOUS_WHITESPACES = {
        0x0009, 0x0020, 0x0084, 0x00A0, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007,
        0x2008, 0x2009, 0x200A, 0x200B, 0x200C, 0x200D, 0x202F, 0x205F, 0x2060, 0x3000, 0xFFFC
    };

    private static String map(String text) throws Exception {
        Mapper m = (Mapper) OpRegistry.get().factory("whitespace_normalization_mapper").create(Map.of());
        Sample s = Sample.ofText("text", text);
        m.map(s, new SampleContext());
        return s.text("text");
    }

    @Test
    void everyVariousWhitespaceBecomesAPlainSpace() throws Exception {
        for (int cp : VARIOUS_WHITESPACES) {
            assertThat(map("a" + (char) cp + "b")).as("U+%04X", cp).isEqualTo("a b");
        }
    }

    @Test
    void newlinesAndOtherControlsAreKept() throws Exception {
        assertThat(map("a\nb\rc\u000Bd\u2028e\u0085f")).isEqualTo("a\nb\rc\u000Bd\u2028e\u0085f");
    }

    @Test
    void pythonWhitespaceIsStrippedBeforeReplacing() throws Exception {
        // U+200B is not Python whitespace: it survives strip, then becomes a space.
        assertThat(map("\n\u3000 a\tb \u2029")).isEqualTo("a b");
        assertThat(map("\u200Ba")).isEqualTo(" a");
    }

    @Test
    void runsAreNotCollapsed() throws Exception {
        assertThat(map("a\u3000\u3000b")).isEqualTo("a  b");
    }

    @Test
    void unchangedTextKeepsTheSameNode() throws Exception {
        Mapper m = (Mapper) OpRegistry.get().factory("whitespace_normalization_mapper").create(Map.of());
        Sample s = Sample.ofText("text", "clean text");
        var before = s.get("text");

        m.map(s, new SampleContext());

        assertThat(s.get("text")).isSameAs(before);
    }

    @Test
    void nonStringTextIsAnError() {
        Mapper m = (Mapper) OpRegistry.get().factory("whitespace_normalization_mapper").create(Map.of());

        assertThatThrownBy(() -> m.map(Sample.parse("{\"text\":1}"), new SampleContext()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheConfiguredTextKey() throws Exception {
        Mapper m = (Mapper) OpRegistry.get().factory("whitespace_normalization_mapper").create(Map.of("text_key", "body"));
        Sample s = Sample.parse("{\"text\":\" keep \",\"body\":\" x \"}");

        m.map(s, new SampleContext());

        assertThat(s.toJson()).isEqualTo("{\"text\":\" keep \",\"body\":\"x\"}");
    }
}
