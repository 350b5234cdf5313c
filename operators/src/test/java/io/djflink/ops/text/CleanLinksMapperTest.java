package io.djflink.ops.text;

import static io.djflink.ops.text.MapperTestSupport.mapper;
import static io.djflink.ops.text.MapperTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CleanLinksMapperTest {

    @Test
    void trailingPunctuationStaysOutsideTheLink() throws Exception {
        assertThat(run(mapper("clean_links_mapper"), "see http://example.com/a(b)c. and more"))
                .isEqualTo("see . and more");
    }

    @Test
    void domainWithPathIsALinkWithoutScheme() throws Exception {
        assertThat(run(mapper("clean_links_mapper"), "go to foo.bar.de/path?q=1 now")).isEqualTo("go to  now");
    }

    @Test
    void wwwPrefixIsALink() throws Exception {
        assertThat(run(mapper("clean_links_mapper"), "at www.foo.org, ok")).isEqualTo("at , ok");
    }

    @Test
    void unicodeSchemeCharactersCountAsWordCharacters() throws Exception {
        assertThat(run(mapper("clean_links_mapper"), "κάτι http://例子.测试/路径 end")).isEqualTo("κάτι  end");
    }

    @Test
    void linksBetweenEmojiKeepTheEmoji() throws Exception {
        assertThat(run(mapper("clean_links_mapper", Map.of("repl", "<L>")), "😀 https://a.b/c 😀"))
                .isEqualTo("😀 <L> 😀");
    }

    @Test
    void customTemplateKeepsTheHost() throws Exception {
        var m = mapper("clean_links_mapper", Map.of("pattern", "https?://([^/\\s]+)\\S*", "repl", "[\\1]"));
        assertThat(run(m, "x https://example.com/p?q y")).isEqualTo("x [example.com] y");
    }
}
