package io.djflink.ops.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.conformance.ConformanceRunner;
import io.djflink.ops.Mapper;
import io.djflink.ops.Op;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.ParamException;
import io.djflink.ops.Sample;
import io.djflink.ops.text.ftfy.Badness;
import io.djflink.ops.text.ftfy.TextFixer;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FixUnicodeMapperTest {

    private static String fix(String text) {
        return TextFixer.fixText(text, Normalizer.Form.NFC);
    }

    private static String run(Map<String, Object> args, String text) throws Exception {
        Map<String, Object> a = new HashMap<>(args);
        try (Op op = OpRegistry.get().factory("fix_unicode_mapper").create(a)) {
            op.open();
            Sample s = Sample.ofText("text", text);
            ((Mapper) op).map(s, null);
            return s.text("text");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "fix_unicode_mapper__test_bad_unicode_text.json",
        "fix_unicode_mapper__test_good_unicode_text.json"
    })
    void conformance(String name) {
        ConformanceRunner.CaseResult r = new ConformanceRunner(OpRegistry.get())
                .runFile(Path.of(System.getProperty("djflink.shared"), "dj", "conformance", name));
        assertThat(r.status()).as(r.detail()).isEqualTo(ConformanceRunner.Status.PASSED);
    }

    @Test
    void fixesClassicMojibake() {
        assertThat(fix("âœ” No problems")).isEqualTo("✔ No problems");
        assertThat(fix("The Mona Lisa doesnÃ¢â‚¬â„¢t have eyebrows."))
                .isEqualTo("The Mona Lisa doesn't have eyebrows.");
        assertThat(fix("The Mona Lisa doesnÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢t have eyebrows."))
                .isEqualTo("The Mona Lisa doesn't have eyebrows.");
        assertThat(fix("uÌˆnicode")).isEqualTo("ünicode");
        assertThat(fix("sÃ³")).isEqualTo("só");
        assertThat(fix("Ãºnico")).isEqualTo("único");
        assertThat(fix("This â€” should be an em dash")).isEqualTo("This — should be an em dash");
        // Windows-1252 punctuation whose C1 byte has no Windows-1252 meaning
        assertThat(fix("This text is sad .â\u0081”.")).isEqualTo("This text is sad .⁔.");
        // several layers of mojibake
        assertThat(fix("\u00c3\u00a0\u00c2\u00b2\u00c2\u00a0_\u00c3\u00a0\u00c2\u00b2\u00c2\u00a0")).isEqualTo("ಠ_ಠ");
        // Latin-1 that was meant to be Windows-1252
        assertThat(fix("This text was never UTF-8 at all\u0085")).isEqualTo("This text was never UTF-8 at all…");
    }

    @Test
    void restoresNoBreakSpaceBytes() {
        assertThat(TextFixer.fixEncoding("voilÃ le travail")).isEqualTo("voilà le travail");
        assertThat(TextFixer.fixEncoding("Ã³")).isEqualTo("ó");
    }

    @Test
    void leavesPlausibleTextAlone() {
        assertThat(TextFixer.fixEncoding("This text is fine already :þ")).isEqualTo("This text is fine already :þ");
        assertThat(TextFixer.fixEncoding("not such a fan of Charlotte Brontë…”"))
                .isEqualTo("not such a fan of Charlotte Brontë…”");
        assertThat(TextFixer.fixEncoding("AHÅ™, the new sofa from IKEA®")).isEqualTo("AHÅ™, the new sofa from IKEA®");
        assertThat(TextFixer.fixEncoding("&ATILDE;&SUP3;")).isEqualTo("&ATILDE;&SUP3;");
    }

    @Test
    void htmlEntities() {
        assertThat(fix("HTML entities &lt;3")).isEqualTo("HTML entities <3");
        assertThat(fix("<em>HTML entities &lt;3</em>")).isEqualTo("<em>HTML entities &lt;3</em>");
        // once a line has '<', entities stay escaped on the following lines too
        assertThat(fix("a <b> line\n&amp; more")).isEqualTo("a <b> line\n&amp; more");
        assertThat(fix("&amp; first\na <b> line")).isEqualTo("& first\na <b> line");
        assertThat(fix("&macr;\\_(ã\u0083\u0084)_/&macr;")).isEqualTo("¯\\_(ツ)_/¯");
        assertThat(fix("&Jscr;ohn &HilbertSpace;ancock")).isEqualTo("𝒥ohn ℋancock");
        assertThat(fix("P&EACUTE;REZ")).isEqualTo("PÉREZ");
        assertThat(fix("BUNDESSTRA&SZLIG;E")).isEqualTo("BUNDESSTRASSE");
        assertThat(fix("&ntilde; &Ntilde; &NTILDE; &nTILDE;")).isEqualTo("ñ Ñ Ñ &nTILDE;");
        assertThat(fix("&#65;&#x42;&#X43; &#12ab; &#59; this&not that &amp"))
                .isEqualTo("ABC &#12ab; &#59; this&not that &amp");
        assertThat(fix("\u0001\u001b[36;44mI&#x92;m blue, da ba dee da ba doo&#133;\u001b[0m"))
                .isEqualTo("I'm blue, da ba dee da ba doo…");
        assertThat(fix("\ufeffParty like\nit&rsquo;s 1999!")).isEqualTo("Party like\nit's 1999!");
    }

    @Test
    void ligaturesWidthQuotesAndLineBreaks() {
        assertThat(fix("Broken text&hellip; it&#x2019;s ﬂubberiﬁc!")).isEqualTo("Broken text… it's flubberific!");
        assertThat(TextFixer.fixText("Broken text&hellip; it&#x2019;s ﬂubberiﬁc!", Normalizer.Form.NFKC))
                .isEqualTo("Broken text... it's flubberific!");
        assertThat(fix("ﬂuﬃeﬆ")).isEqualTo("fluffiest");
        assertThat(fix("ＬＯＵＤ　ＮＯＩＳＥＳ")).isEqualTo("LOUD NOISES");
        assertThat(fix("Ｕﾀｰﾝ")).isEqualTo("Uターン");
        assertThat(fix("\u201chere\u2019s a test\u201d")).isEqualTo("\"here's a test\"");
        assertThat(fix("This string is made of two things:\u20291. Unicode\u20282. Spite"))
                .isEqualTo("This string is made of two things:\n1. Unicode\n2. Spite");
        assertThat(fix("Content-type: text/plain\r\n\r\nHi.")).isEqualTo("Content-type: text/plain\n\nHi.");
        assertThat(fix("This is how Microsoft \r trolls Mac users")).isEqualTo("This is how Microsoft \n trolls Mac users");
        assertThat(fix("ﬁ".repeat(100000))).hasSize(200000);
        assertThat(fix("")).isEmpty();
    }

    @Test
    void controlCharsAndSurrogates() {
        assertThat(fix("a\u0000b\u0007c\u000bd\u007fe\u200bf\t\f\n")).isEqualTo("abcde\u200bf\t\f\n");
        assertThat(fix("lone \ud83d here")).isEqualTo("lone \ufffd here");
        assertThat(fix("pair \ud83d\udca9 here")).isEqualTo("pair \ud83d\udca9 here");
        assertThat(fix("\u001b[1;31mred\u001b[0m")).isEqualTo("red");
    }

    @Test
    void normalizationForms() throws Exception {
        String decomposed = "e\u0301 ﬀ ²";
        assertThat(run(Map.of(), decomposed)).isEqualTo("é ff ²");
        assertThat(run(Map.of("normalization", "NFKC"), decomposed)).isEqualTo("é ff 2");
        assertThat(run(Map.of("normalization", "nfd"), "é")).isEqualTo("e\u0301");
        assertThat(run(Map.of("normalization", "NFKD"), "é ²")).isEqualTo("e\u0301 2");
        assertThatThrownBy(() -> run(Map.of("normalization", "NFX"), "x"))
                .isInstanceOf(ParamException.class)
                .hasMessageContaining("NFC, NFKC, NFD, NFKD")
                .satisfies(e -> assertThat(((ParamException) e).param()).isEqualTo("normalization"));
    }

    @Test
    void cleanMultilingualTextIsUnchanged() {
        String[] clean = {
            "No problems",
            "阿里巴巴集团是一家中国的跨国科技公司。",
            "日本語のテキストです。カタカナとひらがな。",
            "한국어 텍스트입니다.",
            "Привет, мир! Съешь же ещё этих мягких французских булок.",
            "Ελληνικά: Καλημέρα κόσμε, τι κάνεις;",
            "العربية: مرحبا بالعالم",
            "עברית: שלום עולם",
            "हिन्दी: नमस्ते दुनिया",
            "Ça va? Übermäßig naïve résumé, Škoda, Dvořák, Łódź, Ærøskøbing, São Paulo, façade.",
            "Prices: £5, €10, ¥100, 30°C, ½ cup, x² + y² = z², © 2024 ACME®, 100 km/h — fast…",
            "Emoji: 😀👍🏽 🇯🇵 👨‍👩‍👧 ✔ ★",
            "Tabs\tand\nnewlines\nand form feeds\f stay",
            "Math: ∑ ∫ ≤ ≥ ≠ ∞ √2 π",
            "The café's menu — crème brûlée, jalapeño, smörgåsbord.",
        };
        for (String s : clean) {
            assertThat(fix(s)).as(s).isSameAs(s);
            assertThat(Badness.isBad(s)).as(s).isFalse();
        }
    }

    @Test
    void mapperSkipsSetTextWhenUnchanged() throws Exception {
        assertThat(run(Map.of(), "阿里巴巴")).isEqualTo("阿里巴巴");
        assertThat(run(Map.of(), "â€œquotedâ€\u009d")).isEqualTo("\"quoted\"");
    }
}
