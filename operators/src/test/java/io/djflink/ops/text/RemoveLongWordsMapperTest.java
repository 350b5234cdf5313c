package io.djflink.ops.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.ops.Mapper;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoveLongWordsMapperTest {

    private static String map(Map<String, Object> args, String text) throws Exception {
        Mapper m = (Mapper) OpRegistry.get().factory("remove_long_words_mapper").create(args);
        Sample s = Sample.ofText("text", text);
        m.map(s, new SampleContext());
        return s.text("text");
    }

    @Test
    void dropsPartsAndLinesLeftEmpty() throws Exception {
        assertThat(map(Map.of("min_len", 3), "aaaa b\n\tc\n\ndddd\tee\tfff")).isEqualTo("aaaa\ndddd\tfff");
    }

    @Test
    void collapsesRunsOfSpaces() throws Exception {
        assertThat(map(Map.of(), "  abc   def ")).isEqualTo("abc def");
    }

    @Test
    void keepsWordWhoseStrippedLengthFits() throws Exception {
        assertThat(map(Map.of("max_len", 3), "(abc) abcd")).isEqualTo("(abc)");
    }

    @Test
    void lengthsAreCodePoints() throws Exception {
        assertThat(map(Map.of("min_len", 3, "max_len", 3), "😊😊😊 ab")).isEqualTo("😊😊😊");
    }

    @Test
    void defaultsKeepEveryWord() throws Exception {
        String text = "a\tb c\nd";
        assertThat(map(Map.of(), text)).isEqualTo(text);
    }

    @Test
    void missingTextIsAnError() {
        Mapper m = (Mapper) OpRegistry.get().factory("remove_long_words_mapper").create(Map.of());
        assertThatThrownBy(() -> m.map(Sample.parse("{\"other\": 1}"), new SampleContext()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
