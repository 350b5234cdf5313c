package io.djflink.ops.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.ops.Filter;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares the stats and keep flags of the five text filters, with default arguments, against
 * what Data-Juicer's own code computed for every document of the shared corpora
 * ({@code shared/data/dj-expected}).
 */
class DjExpectedStatsTest {

    private static final double TOLERANCE = Double.parseDouble(System.getProperty("djexpected.tolerance", "1e-12"));

    private static final String[] CORPORA = {"prose", "code", "licenses", "dj"};

    /** op name -> stat key, for the five filters dj-expected covers. */
    private static final Map<String, String> FILTERS = new LinkedHashMap<>();

    static {
        FILTERS.put("text_length_filter", "text_len");
        FILTERS.put("alphanumeric_filter", "alnum_ratio");
        FILTERS.put("character_repetition_filter", "char_rep_ratio");
        FILTERS.put("word_repetition_filter", "word_rep_ratio");
        FILTERS.put("special_characters_filter", "special_char_ratio");
    }

    private static final Map<String, List<String>> mismatches = new LinkedHashMap<>();
    private static final Map<String, Integer> matched = new LinkedHashMap<>();
    private static int docs;

    @BeforeAll
    static void computeAll() throws Exception {
        Path data = Paths.get(System.getProperty("djflink.shared", "../../shared"), "data");
        Map<String, Filter> filters = new LinkedHashMap<>();
        for (String op : FILTERS.keySet()) {
            filters.put(op, (Filter) OpRegistry.get().factory(op).create(Map.of()));
            mismatches.put(FILTERS.get(op), new ArrayList<>());
            mismatches.put("keep:" + op, new ArrayList<>());
            matched.put(FILTERS.get(op), 0);
            matched.put("keep:" + op, 0);
        }
        SampleContext ctx = new SampleContext();
        for (String corpus : CORPORA) {
            Map<String, JsonNode> expected = new HashMap<>();
            readJsonLines(data.resolve("dj-expected").resolve(corpus + ".jsonl.gz"),
                    n -> expected.put(n.get("id").asText(), n));
            readJsonLines(data.resolve(corpus + ".jsonl.gz"), doc -> {
                String id = doc.get("id").asText();
                JsonNode want = expected.get(id);
                assertThat(want).as("dj-expected entry for %s", id).isNotNull();
                Sample s = Sample.ofText("text", doc.get("text").asText());
                ctx.clear();
                docs++;
                for (Map.Entry<String, Filter> e : filters.entrySet()) {
                    String op = e.getKey();
                    String key = FILTERS.get(op);
                    try {
                        e.getValue().computeStats(s, ctx);
                    } catch (Exception ex) {
                        throw new AssertionError(op + " failed on " + id, ex);
                    }
                    double got = s.stats().get(key).asDouble();
                    double exp = want.get(key).asDouble();
                    record(key, id, Math.abs(got - exp) <= TOLERANCE, got + " vs DJ " + exp);
                    boolean keep = e.getValue().keep(s);
                    boolean expKeep = want.get("keep:" + op).asBoolean();
                    record("keep:" + op, id, keep == expKeep, keep + " vs DJ " + expKeep);
                }
            });
        }
        System.out.println("dj-expected: " + docs + " docs; matched per check: " + matched);
    }

    private static void record(String check, String id, boolean ok, String detail) {
        if (ok) {
            matched.merge(check, 1, Integer::sum);
        } else {
            mismatches.get(check).add(id + ": " + detail);
        }
    }

    private static void readJsonLines(Path file, Consumer<JsonNode> each) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    each.accept(Sample.JSON.readTree(line));
                }
            }
        }
    }

    @Test
    void everyCorpusDocumentIsCompared() {
        assertThat(docs).isEqualTo(1969 + 1727 + 1323 + 157);
    }

    @Test
    void textLenMatchesDataJuicer() {
        assertThat(mismatches.get("text_len")).isEmpty();
    }

    @Test
    void alnumRatioMatchesDataJuicer() {
        assertThat(mismatches.get("alnum_ratio")).isEmpty();
    }

    @Test
    void charRepRatioMatchesDataJuicer() {
        assertThat(mismatches.get("char_rep_ratio")).isEmpty();
    }

    @Test
    void wordRepRatioMatchesDataJuicer() {
        assertThat(mismatches.get("word_rep_ratio")).isEmpty();
    }

    @Test
    void specialCharRatioMatchesDataJuicer() {
        assertThat(mismatches.get("special_char_ratio")).isEmpty();
    }

    @Test
    void keepFlagsWithDefaultArgsMatchDataJuicer() {
        for (String op : FILTERS.keySet()) {
            assertThat(mismatches.get("keep:" + op)).as("keep:" + op).isEmpty();
        }
    }
}
