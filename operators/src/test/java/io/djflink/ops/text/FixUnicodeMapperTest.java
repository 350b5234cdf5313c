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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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

    /** A sample of the mojibake cases in ftfy's own test suite (original | fix_text result). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        He's Justin\u00e2\u009d\u00a4 | He's Justin\u2764
        Le Schtroumpf Docteur conseille g\u221a\u00a2teaux et r\u221a\u00a9gime | Le Schtroumpf Docteur conseille g\u00e2teaux et r\u00e9gime
        \u0420\u0491\u0420\u0455\u0421\u0402\u0420\u0455\u0420\u0456\u0420\u00b5 \u0420\u0098\u0420\u00b7-\u0420\u0457\u0420\u0455\u0420\u0491 #\u0421\u201e\u0421\u0453\u0421\u201a\u0420\u00b1\u0420\u0455\u0420\u00bb | \u0434\u043e\u0440\u043e\u0433\u0435 \u0418\u0437-\u043f\u043e\u0434 #\u0444\u0443\u0442\u0431\u043e\u043b
        \u0084Handwerk bringt dich \u00fcberall hin\u0093: Von der YOU | "Handwerk bringt dich \u00fcberall hin": Von der YOU
        Hi guys \u00ed\u00a0\u00bd\u00ed\u00b8\u008d | Hi guys \ud83d\ude0d
        Beta Haber: H\u00c4\u00b1rs\u00c4\u00b1z\u00c4\u00b1 B\u00c3\u00bcy\u00c3\u00bc Korkuttu | Beta Haber: H\u0131rs\u0131z\u0131 B\u00fcy\u00fc Korkuttu
        \u00c4\u00b0stanbul | \u0130stanbul
        Iggy Pop (n\u00c3\u0192\u00c2\u00a9 Jim Osterberg) | Iggy Pop (n\u00e9 Jim Osterberg)
        `#\u2568\u2510\u2564\u00c7\u2568\u2591\u2568\u2593\u2568\u2555\u2568\u2557\u2564\u00ee\u2568\u255c\u2568\u255b\u2568\u2561` | `#\u043f\u0440\u0430\u0432\u0438\u043b\u044c\u043d\u043e\u0435`
        Li\u0102\u00a8ge Avenue de l'H\u0102\u00b4pital | Li\u00e8ge Avenue de l'H\u00f4pital
        T\u00c3\u00a1\u00c2\u00ba\u00c2\u00a1i sao gi\u00c3\u00a1? | T\u1ea1i sao gi\u00e1?
        M\u0102\u0104m dost t\u0139\u0099et\u0102\u00adho tis\u0102\u00adcilet\u0102\u00ad | M\u00e1m dost t\u0159et\u00edho tis\u00edcilet\u00ed
        a bigger-than-expected \u0413\u201a\u0412\u04085.8bn rights issue | a bigger-than-expected \u00a35.8bn rights issue
        The ICR has been upgraded to \u00e2\u20ac\u0153bb+\u00e2\u20ac? from \u00e2\u20ac\u0153bb\u00e2\u20ac? | The ICR has been upgraded to "bb+\ufffd from "bb\ufffd
        Ecuador\u00e2\u0080\u0099s \u00e2\u0080\u0098purely political\u00e2\u0080\u0099\u0085 | Ecuador's 'purely political'\u2026
        Campeonatos > III Divis\u00c3\u00a3o - S\u00c3\u00a9rie F > Classifica\u00e7\u00e3o | Campeonatos > III Divis\u00e3o - S\u00e9rie F > Classifica\u00e7\u00e3o
        \u00c3 perturber la r\u00c3\u00a9flexion jusqu'\u00c3 nos jours | \u00e0 perturber la r\u00e9flexion jusqu'\u00e0 nos jours
        com especial aten\u00c3\u00a7\u00c3\u00a3o \u00c3 s crian\u00c3\u00a7as | com especial aten\u00e7\u00e3o \u00e0s crian\u00e7as
        La r\u0413\u00a9gion se trouve \u0413 l\u0432\u0402\u2122ouest | La r\u00e9gion se trouve \u00e0 l'ouest
        C\u00c3\u00a0nan nan G\u00c3\u00a0idheal | C\u00e0nan nan G\u00e0idheal
        10\u00ce&frac14;s | 10\u03bcs
        Merci de t\u201a\u00c4\u00f6\u221a\u2020\u221a\u2202\u00ac\u00a8\u00ac\u00a9l\u201a\u00c4\u00f6\u221a\u2020\u221a\u2202\u00ac\u00a8\u00ac\u00a9charger | Merci de t\u00e9l\u00e9charger
        \u00c5\u00a0veices ba\u00c5\u2020\u00c4\u00b7ieri | \u0160veices ba\u0146\u0137ieri
        \u00d7\u2018\u00d7\u201d\u00d7\u2022\u00d7\u201c\u00d7\u00a2\u00d7\u201d | \u05d1\u05d4\u05d5\u05d3\u05e2\u05d4
        Ningbo\u00ef\u00bc\u0152China | Ningbo,China
        This is signi\u043f\u00ac\u0403cantly lower | This is significantly lower
        """)
    void ftfyTestSuiteCases(String original, String expected) {
        assertThat(fix(original)).isEqualTo(expected);
    }

    /** ftfy's negative cases: plausible text that must not be "fixed". */
    @ParameterizedTest
    @ValueSource(strings = {
        "\u0397 \u00a8\u03b1\u03bd\u03b1\u03c4\u03c1\u03bf\u03c6\u03ae\u00a8 \u03b4\u03c5\u03c3\u03c4\u03c5\u03c7\u03ce\u03c2",
        "Bremer/Mccoy \u2013 Dr\u00c3\u00a5ber",
        "Con il corpo e lo spirito ammaccato,\u00a0\u00e8 come se",
        "4288\u00d7\u2026",
        "``toda produzida pronta pra assa a\u00ed\u00b4\u00b4",
        "HUHLL \u00d5\u2026",
        "\u00d4\u00f4\u00f4 VIDA MINHA",
        "[x]\u00a0\u00a9",
        "2012\u2014\u221e",
        "OK??:(   `\u00ac\u00b4    ):",
        "\u2206\u00b0",
        "ESSE CARA AI QUEM \u00c9\u00bf",
        "SELK\u00c4\u00a0EDELL\u00c4\u00a0MAAHAN via @YouTube",
        "Offering 5\u00d7\u00a335 pin ups",
        "NESTL\u00c9\u00ae requiere contratar personal",
        "Connect with \u0100\u00f8 on Facebook",
        "C O N C L U S \u00c3 O",
        "Oborzos, per. Vahbarz, frataraka\u0301\u00a7 141",
        "(-1/2)! = \u221a\u03c0",
        "\u251c\u2524a\u253c\u2510a\u253c\u2510a",
        "\u0412\u0406\u041a\u0406 is Ukrainian for WIKI",
        "a radius of 10 \u00c5\u2014",
        "NICIODAT\u0102\u2122",
        "H\u00c5\u00d8YA ER BL\u00c5\u00d8YD",
        "\u041f\u043e\u0437\u0434\u0440\u0430\u0432\u0402\u0430\u0432\u043e",
    })
    void ftfyNegativeCases(String text) {
        assertThat(fix(text)).isEqualTo(Normalizer.normalize(text, Normalizer.Form.NFC));
    }

    @Test
    void fixesEachLineOnItsOwn() {
        // one line is Windows-1252 mojibake, another is fine Cyrillic: fixed independently
        assertThat(fix("caf\u00c3\u00a9\r\n\u041f\u0440\u0438\u0432\u0435\u0442\ndoesn\u00e2\u20ac\u2122t\n"))
                .isEqualTo("caf\u00e9\n\u041f\u0440\u0438\u0432\u0435\u0442\ndoesn't\n");
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
        assertThat(fix("&amp;\n<html>\n&amp;")).isEqualTo("&\n<html>\n&amp;");
        assertThat(fix("jednocze&sacute;nie JEDNOCZE&Sacute;NIE")).isEqualTo("jednocze\u015bnie JEDNOCZE\u015aNIE");
        // a C1 control that Windows-1252 leaves unassigned survives every step
        assertThat(fix("broken&#x81;")).isEqualTo("broken\u0081");
        assertThat(fix("euro &#x80;")).isEqualTo("euro \u20ac");
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
