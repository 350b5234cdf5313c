package io.djflink.ops.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.ops.Sample;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whitespace-run prefilter of the default clean_* patterns finds exactly the matches of the
 * plain full-text scan, on real corpora and on edge cases.
 */
class RegexPrefilterTest {

    private static final List<String> EDGE = List.of(
            "see(http://a.example.org/x) and www.example.com. done",
            "mail:a.b-c+d_e@host.example.com,x@y.io;z@q",
            "\u00a0http://nbsp.example.org/\u2003tail https://x.y/(a(b)c)d.",
            "ip 10.0.0.1:8080 and fe80:0:0:0:0:0:0:1 and 300.1.1.1 and 1.2.3",
            "https://😀.example.org/😀 😀www.x.org",
            "");

    @ParameterizedTest
    @ValueSource(strings = {"email", "links", "ip"})
    void prefilteredScanEqualsFullScan(String which) throws Exception {
        PyRegex.Compiled compiled;
        String triggers;
        switch (which) {
            case "email":
                compiled = PyRegex.compile(CleanEmailMapper.DEFAULT_PATTERN, true);
                triggers = "@";
                break;
            case "links":
                compiled = PyRegex.compile(CleanLinksMapper.FAST_PATTERN, true);
                triggers = ".:";
                break;
            default:
                compiled = PyRegex.compile(CleanIpMapper.DEFAULT_PATTERN, true);
                triggers = ".:";
        }
        Pattern p = compiled.pattern();
        PyRegex.Replacement repl = PyRegex.replacement("<X>", compiled);
        List<String> texts = new ArrayList<>(EDGE);
        for (String corpus : List.of("prose", "code", "licenses", "dj")) {
            texts.addAll(head(corpus, 250));
        }
        int changed = 0;
        for (String t : texts) {
            String full = PyRegex.sub(p, repl, t);
            assertThat(PyRegex.sub(p, repl, t, triggers)).as(which + " on: " + abbreviate(t)).isEqualTo(full);
            if (!full.equals(t)) {
                changed++;
            }
        }
        assertThat(changed).as("the comparison must include texts that have matches").isGreaterThan(3);
    }

    private static List<String> head(String corpus, int n) throws Exception {
        Path f = Path.of(System.getProperty("djflink.shared", "../../shared"), "data", corpus + ".jsonl.gz");
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
            String line;
            while (out.size() < n && (line = r.readLine()) != null) {
                out.add(Sample.parse(line).text("text"));
            }
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
