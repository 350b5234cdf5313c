package io.djflink.ops.text;

import static io.djflink.ops.text.MapperTestSupport.mapper;
import static io.djflink.ops.text.MapperTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CleanCopyrightMapperTest {

    @Test
    void blockWithCopyrightInAnyCaseIsRemoved() throws Exception {
        assertThat(run(mapper("clean_copyright_mapper"), "/* (C) COPYRIGHT acme */\nint x;")).isEqualTo("\nint x;");
    }

    @Test
    void onlyTheFirstBlockIsConsidered() throws Exception {
        String text = "/* plain */ code /* copyright */";
        assertThat(run(mapper("clean_copyright_mapper"), text)).isEqualTo(text);
    }

    @Test
    void blockCommentDisablesLineStripping() throws Exception {
        String text = "// header\n/* note */ code";
        assertThat(run(mapper("clean_copyright_mapper"), text)).isEqualTo(text);
    }

    @Test
    void leadingCommentAndEmptyLinesAreDropped() throws Exception {
        assertThat(run(mapper("clean_copyright_mapper"), "# a\n\n-- b\n// c\ncode\n# kept")).isEqualTo("code\n# kept");
    }

    @Test
    void singleDashOrSlashDoesNotStartACommentLine() throws Exception {
        assertThat(run(mapper("clean_copyright_mapper"), "-x\n")).isEqualTo("-x\n");
        assertThat(run(mapper("clean_copyright_mapper"), "/x")).isEqualTo("/x");
    }

    @Test
    void allCommentLinesLeaveNothing() throws Exception {
        assertThat(run(mapper("clean_copyright_mapper"), "#a\n//b\n")).isEmpty();
    }

    @Test
    void carriageReturnLinesAreNotSplit() throws Exception {
        assertThat(run(mapper("clean_copyright_mapper"), "#a\rcode\nrest")).isEqualTo("rest");
    }

    @Test
    void emptyTextStaysEmpty() throws Exception {
        assertThat(run(mapper("clean_copyright_mapper"), "")).isEmpty();
    }
}
