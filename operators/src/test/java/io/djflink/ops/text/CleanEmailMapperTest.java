package io.djflink.ops.text;

import static io.djflink.ops.text.MapperTestSupport.mapper;
import static io.djflink.ops.text.MapperTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.ops.Mapper;
import io.djflink.ops.ParamException;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CleanEmailMapperTest {

    @Test
    void removesAddressByDefault() throws Exception {
        assertThat(run(mapper("clean_email_mapper"), "mail me: a.b+c@d-e.com now")).isEqualTo("mail me:  now");
    }

    @Test
    void upperCaseDomainIsNotAnAddressByDefault() throws Exception {
        assertThat(run(mapper("clean_email_mapper"), "x@Y.COM")).isEqualTo("x@Y.COM");
    }

    @Test
    void customPatternAndTemplateWithBackrefs() throws Exception {
        Mapper m = mapper("clean_email_mapper",
                Map.of("pattern", "r'(?P<user>\\w+)@(\\w+)\\.com'", "repl", "<\\g<user> at \\2>"));
        assertThat(run(m, "hi bob@mail.com!")).isEqualTo("hi <bob at mail>!");
    }

    @Test
    void cleanTextIsLeftUntouched() throws Exception {
        Sample s = Sample.ofText("text", "no address here");
        var before = s.root().get("text");
        mapper("clean_email_mapper").map(s, new SampleContext());
        assertThat(s.root().get("text")).isSameAs(before);
    }

    @Test
    void emptyTextStaysEmpty() throws Exception {
        assertThat(run(mapper("clean_email_mapper"), "")).isEmpty();
    }

    @Test
    void missingTextFieldIsIgnored() throws Exception {
        Sample s = Sample.parse("{\"other\": 1}");
        mapper("clean_email_mapper").map(s, new SampleContext());
        assertThat(s.toJson()).isEqualTo("{\"other\":1}");
    }

    @Test
    void nonStringTextIsAnError() {
        Sample s = Sample.parse("{\"text\": 3}");
        assertThatThrownBy(() -> mapper("clean_email_mapper").map(s, new SampleContext()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidPatternNamesTheParameter() {
        assertThatThrownBy(() -> mapper("clean_email_mapper", Map.of("pattern", "([a-z")))
                .isInstanceOfSatisfying(ParamException.class, e -> assertThat(e.param()).isEqualTo("pattern"));
    }

    @Test
    void invalidTemplateNamesTheParameter() {
        assertThatThrownBy(() -> mapper("clean_email_mapper", Map.of("repl", "\\1")))
                .isInstanceOfSatisfying(ParamException.class, e -> assertThat(e.param()).isEqualTo("repl"));
    }
}
