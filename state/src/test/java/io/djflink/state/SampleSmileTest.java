package io.djflink.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.djflink.ops.Sample;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SampleSmileTest {

    private static final Set<String> EXPORT_DROPS = Set.of(Sample.STATS, Sample.META, Sample.SUFFIX);

    /** Documents whose every token kind and escape must come out of Smile as the tree writes it. */
    static List<String> edgeCases() {
        return List.of(
                "{}",
                "{\"text\":\"\"}",
                "{\"text\":null,\"a\":[],\"b\":{},\"c\":[[],{},[null]]}",
                "{\"text\":\"quote \\\" backslash \\\\ slash / tab \\t cr \\r lf \\n ff \\f bs \\b nul \\u0000 us \\u001f del \\u007f\"}",
                "{\"text\":\"héllo wörld ß Ω 中文 日本語 한국어 עברית العربية\"}",
                "{\"text\":\"emoji 😊 and a pair \\ud83d\\ude00 and astral 𝔘𝔫𝔦\"}",
                "{\"text\":\"line sep \\u2028 para sep \\u2029 bom \\ufeff nbsp \\u00a0 replacement \\ufffd\"}",
                "{\"ints\":[0,-1,1,2147483647,-2147483648,2147483648,9223372036854775807,-9223372036854775808]}",
                "{\"big\":[9223372036854775808,-9223372036854775809,123456789012345678901234567890123456789]}",
                "{\"doubles\":[1.0,-0.0,0.0,1.5,1e-7,1E-7,1e21,1.7976931348623157E308,4.9E-324,0.1,3.141592653589793,123456.789e3]}",
                "{\"overflow\":[1e400,-1e400,1e-400]}",
                "{\"bools\":[true,false],\"nested\":{\"a\":{\"b\":{\"c\":[1,{\"d\":\"e\"}]}}}}",
                "{\"dup\":1,\"x\":2,\"dup\":3}",
                "{\"\":\"empty key\",\"key with \\\"quote\\\" and é\":\"v\",\"😊\":1}",
                "{\"id\":\"s1\",\"text\":\"t\",\"" + Sample.STATS + "\":{\"text_len\":1.0,\"lang\":\"en\"},\"" + Sample.META
                        + "\":{\"tags\":[\"a\"]},\"" + Sample.SUFFIX + "\":\".txt\",\"meta\":{\"" + Sample.STATS + "\":1}}",
                "{\"" + Sample.STATS + "\":{},\"" + Sample.META + "\":null,\"" + Sample.SUFFIX + "\":[1,[2,{\"3\":4}]]}",
                "{\"long\":\"" + "x".repeat(70_000) + "é".repeat(5_000) + "\"}");
    }

    @ParameterizedTest
    @MethodSource("edgeCases")
    void jsonFromSmileIsTheTreesJson(String json) {
        Sample s = Sample.parse(json);
        assertSameJson(s);
        assertThat(SampleSmile.toJson(SampleSmile.encode(s), Set.of())).as("as the parsed tree writes it").isEqualTo(s.toJson());
    }

    @ParameterizedTest
    @ValueSource(strings = {"prose", "code", "licenses", "dj"})
    void jsonFromSmileIsTheTreesJsonForEveryCorpusDocument(String corpus) throws IOException {
        Path file = Path.of(System.getProperty("djflink.shared", "../../shared"), "data", corpus + ".jsonl.gz");
        int n = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                Sample s = Sample.parse(line);
                // What filters and taggers add before export: float stats, tags, the file suffix.
                s.stats().put("text_len", s.text("text").length()).put("ratio", n / 7.0).put("lang", "en");
                s.meta().putArray("tags").add("t" + n);
                s.root().put(Sample.SUFFIX, ".jsonl");
                byte[] smile = SampleSmile.encode(s);
                Sample tree = SampleSmile.decode(smile);
                EXPORT_DROPS.forEach(tree.root()::remove);
                assertThat(SampleSmile.toJson(smile, EXPORT_DROPS)).isEqualTo(tree.toJson());
                n++;
            }
        }
        assertThat(n).as("documents of %s", corpus).isGreaterThan(100);
    }

    @org.junit.jupiter.api.Test
    void numbersOfEveryNodeTypeKeepTheirForm() {
        ObjectNode n = Sample.JSON.createObjectNode();
        n.put("float", 0.1f).put("floatWhole", 3.0f).put("double", 0.1).put("nan", Double.NaN)
                .put("inf", Double.NEGATIVE_INFINITY).put("decimal", new BigDecimal("1.10E+5"))
                .put("plainDecimal", new BigDecimal("0.000001000")).put("bigint", new BigInteger("1" + "0".repeat(40)))
                .put("short", (short) 7).put("long", 1L << 40);
        // The export has always written what the tree read back from Smile holds, and reading
        // drops a big decimal's trailing zeros: the streamed JSON must do the same.
        assertSameJson(new Sample(n));
    }

    private static void assertSameJson(Sample s) {
        byte[] smile = SampleSmile.encode(s);
        for (Set<String> drop : List.of(Set.<String>of(), EXPORT_DROPS)) {
            Sample tree = SampleSmile.decode(smile);
            drop.forEach(tree.root()::remove);
            assertThat(SampleSmile.toJson(smile, drop)).as("drop %s", drop).isEqualTo(tree.toJson());
        }
    }
}
