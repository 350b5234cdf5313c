package io.djflink.ops.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.ops.Filter;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.ReferenceDocs;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Holds language_id_score_filter to fastText itself: for each document of the reference fixture
 * (lid/lid176-reference.json, made by tools/models/lid-fixture/gen.sh with the WebAssembly
 * fastText of the npm package the build takes the model from), the op's {@code lang} is
 * fastText's top label and {@code lang_score} its probability within 1e-4.
 */
class LanguageIdScoreFilterReferenceTest {

    private static final double TOLERANCE = 1e-4;

    @Test
    void statsAgreeWithFastTextOnEveryReferenceDocument() throws Exception {
        JsonNode fixture = ReferenceDocs.fixture("/lid/lid176-reference.json");
        Path model = LanguageIdScoreFilter.defaultModelCandidates().stream()
                .filter(Files::isRegularFile).findFirst().orElseThrow();
        assertThat(ReferenceDocs.sha256(Files.readAllBytes(model)))
                .as("the model the build fetched is the one the fixture was made with")
                .isEqualTo(fixture.get("model_sha256").asText());

        Filter op = (Filter) OpRegistry.get().factory("language_id_score_filter").create(Map.of());
        op.open();
        SampleContext ctx = new SampleContext();
        List<String> problems = new ArrayList<>();
        double maxDiff = 0;
        int bitIdentical = 0;
        int n = 0;
        for (ReferenceDocs.Doc d : ReferenceDocs.docs(fixture.get("docs"))) {
            String id = d.id();
            JsonNode doc = d.entry();
            Sample s = Sample.ofText("text", d.text());
            ctx.clear();
            op.computeStats(s, ctx);
            n++;
            String lang = s.stats().get("lang").asText();
            double score = s.stats().get("lang_score").asDouble();
            String wantLang = doc.get("label").asText().replace("__label__", "");
            double wantScore = doc.get("prob").asDouble();
            double diff = Math.abs(score - wantScore);
            maxDiff = Math.max(maxDiff, diff);
            if (score == wantScore) {
                bitIdentical++;
            }
            if (!lang.equals(wantLang) || diff > TOLERANCE) {
                problems.add(id + ": " + lang + " " + score + " vs fastText " + wantLang + " " + wantScore);
            }
        }
        op.close();
        System.out.printf("lid.176 reference: %d docs, %d disagree, max |score diff| %.3g, %d scores bit-identical%n",
                n, problems.size(), maxDiff, bitIdentical);

        assertThat(n).isGreaterThanOrEqualTo(300);
        assertThat(problems).isEmpty();
    }
}
