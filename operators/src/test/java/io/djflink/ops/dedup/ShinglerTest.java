package io.djflink.ops.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.ops.ReferenceDocs;
import io.djflink.ops.text.Words;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ShinglerTest {

    private static List<String> shingles(Shingler s, String text) throws Exception {
        List<String> out = new ArrayList<>();
        s.shingles(text, (buf, off, len) -> out.add(HexFormat.of().formatHex(buf, off, off + len)));
        return out;
    }

    /**
     * Lower-casing while tokenizing gives the shingles of the lowered text (Python's lower(),
     * which {@link Words#lower} is), on every corpus document and on the code points whose
     * lower case needs the whole string.
     */
    @Test
    void lowerCasingWhileTokenizingEqualsLoweringTheText() throws Exception {
        List<String> texts = new ArrayList<>(List.of(
                "İstanbul İSTANBUL Straße kİ x", "ΟΔΟΣ ΣΟΦΟΣ Σ x", "ΑΣ ΒΣ. ΣΑ", "KELVIN K Å ǅ Ⱥ ꞵ 𐐀𐐁 𝔄", "MiXeD  CaSe\ttabs\nnew",
                "\uD800 lone"));
        for (String corpus : List.of("prose", "code", "licenses", "dj")) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(ReferenceDocs.dataDir().resolve(corpus + ".jsonl.gz"))),
                    StandardCharsets.UTF_8))) {
                String line;
                int n = 0;
                while ((line = r.readLine()) != null && n++ < 300) {
                    texts.add(io.djflink.ops.Sample.parse(line).text("text"));
                }
            }
        }
        for (Shingler.Mode mode : List.of(Shingler.Mode.SPACE, Shingler.Mode.PUNCTUATION, Shingler.Mode.CHARACTER)) {
            Shingler folding = new Shingler(mode, mode == Shingler.Mode.CHARACTER ? 5 : 3, true, null);
            Shingler plain = new Shingler(mode, mode == Shingler.Mode.CHARACTER ? 5 : 3, false, null);
            for (String t : texts) {
                List<String> want;
                try {
                    want = shingles(plain, Words.lower(t));
                } catch (IllegalArgumentException surrogate) {
                    continue;
                }
                assertThat(shingles(folding, t)).as(mode + ": " + t.substring(0, Math.min(60, t.length()))).isEqualTo(want);
            }
        }
    }
}
