package io.djflink.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleTest {

    @Test
    void toJsonWithoutFieldsLeavesTheSampleAsItIs() {
        String json = "{\"id\":1,\"__dj__stats__\":{\"a\":1.50},\"text\":\"x\",\"__dj__meta__\":{},\"n\":[1,{\"b\":null}]}";
        Sample s = Sample.parse(json);
        String full = s.toJson();
        assertThat(s.toJson(java.util.Set.of(Sample.STATS, Sample.META))).isEqualTo("{\"id\":1,\"text\":\"x\",\"n\":[1,{\"b\":null}]}");
        assertThat(s.toJson()).isEqualTo(full);
        assertThat(s.toJson(java.util.Set.of(Sample.SUFFIX))).isEqualTo(full);
        Sample removed = Sample.parse(json);
        removed.root().remove(Sample.STATS);
        assertThat(s.toJson(java.util.Set.of(Sample.STATS))).isEqualTo(removed.toJson());
    }

    @Test
    void dottedKeyReadsNestedField() {
        Sample s = Sample.parse("{\"meta\":{\"lang\":\"en\",\"src\":{\"name\":\"wiki\"}}}");

        assertThat(s.get("meta.lang").textValue()).isEqualTo("en");
        assertThat(s.text("meta.src.name")).isEqualTo("wiki");
    }

    @Test
    void dottedKeyThroughMissingOrNonObjectIsAbsent() {
        Sample s = Sample.parse("{\"meta\":{\"lang\":\"en\"},\"list\":[1,2]}");

        assertThat(s.get("meta.missing")).isNull();
        assertThat(s.get("nope.lang")).isNull();
        assertThat(s.get("meta.lang.deeper")).isNull();
        assertThat(s.get("list.0")).isNull();
        assertThat(s.text("meta.missing")).isNull();
    }

    @Test
    void literalDottedKeyWinsOverNestedPath() {
        Sample s = Sample.parse("{\"meta.lang\":\"literal\",\"meta\":{\"lang\":\"nested\"}}");

        assertThat(s.text("meta.lang")).isEqualTo("literal");
    }

    @Test
    void setWithDottedKeyCreatesParentObjects() {
        Sample s = Sample.parse("{\"text\":\"a\"}");

        s.set("meta.src.name", TextNode.valueOf("wiki"));

        assertThat(s.toJson()).isEqualTo("{\"text\":\"a\",\"meta\":{\"src\":{\"name\":\"wiki\"}}}");
    }

    @Test
    void setWithDottedKeyKeepsSiblingsOfExistingParent() {
        Sample s = Sample.parse("{\"meta\":{\"src\":\"arxiv\"}}");

        s.set("meta.lang", TextNode.valueOf("en"));

        assertThat(s.toJson()).isEqualTo("{\"meta\":{\"src\":\"arxiv\",\"lang\":\"en\"}}");
    }

    @Test
    void setThroughANonObjectParentIsAnErrorAndKeepsTheUserValue() {
        Sample s = Sample.parse("{\"meta\":\"user string\"}");

        assertThatThrownBy(() -> s.set("meta.lang", TextNode.valueOf("en")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot set 'meta.lang': 'meta' is string, not an object");
        assertThat(s.toJson()).isEqualTo("{\"meta\":\"user string\"}");
    }

    @Test
    void setThroughANullParentCreatesIt() {
        Sample s = Sample.parse("{\"meta\":null}");

        s.set("meta.lang", TextNode.valueOf("en"));

        assertThat(s.toJson()).isEqualTo("{\"meta\":{\"lang\":\"en\"}}");
    }

    @Test
    void setWritesLiteralDottedKeyWhenItExists() {
        Sample s = Sample.parse("{\"meta.lang\":\"en\"}");

        s.setText("meta.lang", "fr");

        assertThat(s.toJson()).isEqualTo("{\"meta.lang\":\"fr\"}");
    }

    @Test
    void statsIsCreatedEmptyWhenMissingAndReusedAfterwards() {
        Sample s = Sample.parse("{\"text\":\"a\"}");

        s.stats().put("text_len", 1);

        assertThat(s.hasStat("text_len")).isTrue();
        assertThat(s.stats().get("text_len").intValue()).isEqualTo(1);
        assertThat(s.toJson()).isEqualTo("{\"text\":\"a\",\"__dj__stats__\":{\"text_len\":1}}");
    }

    @Test
    void statsKeepsExistingValues() {
        Sample s = Sample.parse("{\"__dj__stats__\":{\"text_len\":5}}");

        assertThat(s.stats().get("text_len").intValue()).isEqualTo(5);
        assertThat(s.hasStat("text_len")).isTrue();
        assertThat(s.hasStat("alnum_ratio")).isFalse();
    }

    @Test
    void hasStatDoesNotCreateStats() {
        Sample s = Sample.parse("{\"text\":\"a\"}");

        assertThat(s.hasStat("text_len")).isFalse();
        assertThat(s.root().has(Sample.STATS)).isFalse();
    }

    @Test
    void metaIsCreatedEmptyWhenMissing() {
        Sample s = Sample.parse("{\"text\":\"a\"}");

        s.meta().put("html_tables", "x");

        assertThat(s.toJson()).isEqualTo("{\"text\":\"a\",\"__dj__meta__\":{\"html_tables\":\"x\"}}");
    }

    @Test
    void nonStringTextIsAnErrorNamingTheField() {
        Sample s = Sample.parse("{\"text\":42}");

        assertThatThrownBy(() -> s.text("text"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'text'")
                .hasMessageContaining("not a string");
    }

    @Test
    void jsonNullTextReadsAsAbsent() {
        Sample s = Sample.parse("{\"text\":null}");

        assertThat(s.text("text")).isNull();
    }

    @Test
    void unknownFieldsPassThroughInOrder() {
        String line = "{\"id\":7,\"text\":\"a\",\"zeta\":[1,{\"x\":null}],\"alpha\":{\"b\":true},\"num\":1.5}";
        Sample s = Sample.parse(line);

        s.setText("text", "b");
        s.stats().put("text_len", 1);

        List<String> names = new ArrayList<>();
        s.root().fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("id", "text", "zeta", "alpha", "num", Sample.STATS);
        assertThat(s.toJson())
                .isEqualTo("{\"id\":7,\"text\":\"b\",\"zeta\":[1,{\"x\":null}],\"alpha\":{\"b\":true},\"num\":1.5,"
                        + "\"__dj__stats__\":{\"text_len\":1}}");
    }

    @Test
    void copyIsIndependent() {
        Sample s = Sample.parse("{\"meta\":{\"lang\":\"en\"}}");
        Sample c = s.copy();

        c.set("meta.lang", TextNode.valueOf("fr"));

        assertThat(s.text("meta.lang")).isEqualTo("en");
        assertThat(c).isNotEqualTo(s);
    }

    @Test
    void ofTextBuildsASingleFieldSample() {
        assertThat(Sample.ofText("content", "hi").toJson()).isEqualTo("{\"content\":\"hi\"}");
    }

    @Test
    void parseRejectsAnArray() {
        assertThatThrownBy(() -> Sample.parse("[{\"text\":\"a\"}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a JSON object")
                .hasMessageContaining("array");
    }

    @Test
    void parseRejectsAScalar() {
        assertThatThrownBy(() -> Sample.parse("\"text\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a JSON object");
    }

    @Test
    void parseRejectsTruncatedJson() {
        assertThatThrownBy(() -> Sample.parse("{\"text\":\"abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid JSON");
    }

    @Test
    void parseRejectsEmptyInput() {
        assertThatThrownBy(() -> Sample.parse(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> Sample.parse("   "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void parseRejectsTrailingContentAfterTheObject() {
        // Two records glued on one line must not silently lose the second one.
        assertThatThrownBy(() -> Sample.parse("{\"text\":\"a\"}{\"text\":\"b\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid JSON");
        assertThatThrownBy(() -> Sample.parse("{\"text\":\"a\"} x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseAcceptsTrailingWhitespace() {
        assertThat(Sample.parse("{\"text\":\"a\"}  \n").text("text")).isEqualTo("a");
    }

    @Test
    void parseAcceptsATextLongerThanJacksonsDefaultStringLimit() {
        // Jackson refuses strings over 20M chars by default; DJ (Python) has no such limit.
        String big = "a".repeat(25_000_000);

        Sample s = Sample.parse("{\"text\":\"" + big + "\"}");

        assertThat(s.text("text")).hasSize(25_000_000);
    }

    @Test
    void setReplacesValuesOfAnyType() {
        Sample s = Sample.parse("{\"n\":1}");

        s.set("n", IntNode.valueOf(2));

        assertThat(s.get("n").intValue()).isEqualTo(2);
    }

    @Test
    void anUnpairedSurrogateEscapeIsRefusedWithWhereItIs() {
        assertThatThrownBy(() -> Sample.parse("{\"text\": \"ok\", \"meta\": {\"a\": [\"x\", \"bad \\ud800 here\"]}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate \\ud800 in 'meta.a[1]' at char 4");
        assertThatThrownBy(() -> Sample.parse("{\"\\uDC00\": 1}")).hasMessageContaining("field name");
        assertThat(Sample.parse("{\"text\": \"\\ud83d\\ude00 \\\\ud800\"}").text("text")).isEqualTo("\ud83d\ude00 \\ud800");
    }
}
