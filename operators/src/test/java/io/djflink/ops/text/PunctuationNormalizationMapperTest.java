package io.djflink.ops.text;

import static io.djflink.ops.text.MapperTestSupport.mapper;
import static io.djflink.ops.text.MapperTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PunctuationNormalizationMapperTest {

    @Test
    void cjkSentenceBecomesAscii() throws Exception {
        assertThat(run(mapper("punctuation_normalization_mapper"), "你好，世界！（测试）…")).isEqualTo("你好,世界!(测试)...");
    }

    @Test
    void multiCharacterReplacements() throws Exception {
        assertThat(run(mapper("punctuation_normalization_mapper"), "a—b．c")).isEqualTo("a - b. c");
    }

    @Test
    void fullWidthDigitOneBecomesAQuoteAsInDataJuicer() throws Exception {
        assertThat(run(mapper("punctuation_normalization_mapper"), "１２")).isEqualTo("\"２");
    }

    @Test
    void asciiAndEmojiPassThrough() throws Exception {
        assertThat(run(mapper("punctuation_normalization_mapper"), "ok, 😀 \"fine\"")).isEqualTo("ok, 😀 \"fine\"");
    }

    @Test
    void unmappedTextReturnsTheSameInstance() {
        String text = "plain text";
        assertThat(PunctuationNormalizationMapper.normalize(text)).isSameAs(text);
    }
}
