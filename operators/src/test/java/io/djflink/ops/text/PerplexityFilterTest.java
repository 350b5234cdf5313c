package io.djflink.ops.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.ops.Filter;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.ParamException;
import io.djflink.ops.ReferenceDocs;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import io.djflink.ops.model.ArpaModel;
import io.djflink.ops.model.SpModels;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * perplexity_filter against Data-Juicer's statistic computed outside djflink (fixture of
 * tools/models/arpa-fixture/gen.sh: sentencepiece's own pieces, a Python ARPA scorer) on a small
 * trigram model built from shared/data.
 */
class PerplexityFilterTest {

    private static final String SP = SpModels.path(SpModels.ALBERT).toString();

    private static String arpa() {
        try {
            return Path.of(PerplexityFilterTest.class.getResource("/perplexity/tiny-3gram.arpa.gz").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Filter filter(Map<String, Object> extra) {
        Map<String, Object> args = new HashMap<>(Map.of("tokenizer_model", SP, "arpa_model", arpa()));
        args.putAll(extra);
        return (Filter) OpRegistry.get().factory("perplexity_filter").create(args);
    }

    @Test
    void perplexityEqualsTheIndependentReference() throws Exception {
        JsonNode fixture = ReferenceDocs.fixture("/perplexity/perplexity-reference.json");
        assertThat(ReferenceDocs.sha256(java.nio.file.Files.readAllBytes(Path.of(SP))))
                .isEqualTo(fixture.get("sp_model_sha256").asText());
        ArpaModel lm = ArpaModel.shared(Path.of(arpa()));
        Filter op = filter(Map.of());
        op.open();
        List<String> problems = new ArrayList<>();
        double maxDiff = 0;
        int n = 0;
        for (ReferenceDocs.Doc d : ReferenceDocs.docs(fixture.get("docs"))) {
            JsonNode doc = d.entry();
            String id = d.id();
            Sample s = Sample.ofText("text", d.text());
            SampleContext ctx = new SampleContext();
            op.computeStats(s, ctx);
            // the op's own pieces, checked against sentencepiece's by SentencePieceModelReferenceTest
            @SuppressWarnings("unchecked")
            List<String> pieces = (List<String>) ctx.values().values().iterator().next();
            PerplexityFilter.Score score = PerplexityFilter.score(String.join(" ", pieces), lm);
            double diff = Math.abs(score.logits() - doc.get("logits").asDouble());
            maxDiff = Math.max(maxDiff, diff);
            if (diff > 1e-4 || score.length() != doc.get("length").asLong()
                    || s.stats().get("perplexity").asDouble() != doc.get("perplexity").asDouble()) {
                problems.add(id + ": logits " + score.logits() + " length " + score.length() + " ppl "
                        + s.stats().get("perplexity") + " vs " + doc.get("logits") + " " + doc.get("length") + " "
                        + doc.get("perplexity"));
            }
            n++;
        }
        System.out.printf("perplexity reference: %d docs, %d disagree, max |logits diff| %.3g%n", n, problems.size(), maxDiff);
        assertThat(n).isGreaterThanOrEqualTo(300);
        assertThat(problems).isEmpty();
    }

    @Test
    void keepsPerplexitiesWithinTheDefaultRange() throws Exception {
        Filter op = filter(Map.of());
        Sample prose = Sample.ofText("text", "The build step fetches the model and checks its checksum.");
        Sample noise = Sample.ofText("text", "zq xv ✓✓ qqq ⊕⊕ wvvx jjj ¤¤ kkz");
        op.computeStats(prose, new SampleContext());
        op.computeStats(noise, new SampleContext());
        assertThat(prose.stats().get("perplexity").asDouble()).isLessThan(1500);
        assertThat(noise.stats().get("perplexity").asDouble()).isGreaterThan(1500);
        assertThat(op.keep(prose)).isTrue();
        assertThat(op.keep(noise)).isFalse();
    }

    @Test
    void aTextWithoutPiecesHasPerplexityZero() throws Exception {
        Sample s = Sample.ofText("text", " \n\t ");
        filter(Map.of()).computeStats(s, new SampleContext());
        assertThat(s.stats().get("perplexity").asDouble()).isZero();
    }

    @Test
    void linesSplitAsPythonSplitsLinesAndLengthCountsPythonWords() {
        // U+0085 ends a line for str.splitlines(); U+3000 separates words for str.split() only
        assertThat(PyStr.splitLines("a b\u0085c")).containsExactly("a b", "c");
        assertThat(PerplexityFilter.pythonSplitCount("a\u3000b  c")).isEqualTo(3);
    }

    @Test
    void perplexityIsRoundedAsPythonRounds() {
        // round(0.25, 1) == 0.2 and round(0.35, 1) == 0.3 in Python: the binary values are a tie and just below one
        assertThat(PerplexityFilter.round1(0.25)).isEqualTo(0.2);
        assertThat(PerplexityFilter.round1(0.35)).isEqualTo(0.3);
        assertThat(PerplexityFilter.round1(2.675)).isEqualTo(2.7);
        assertThat(PerplexityFilter.round1(Double.POSITIVE_INFINITY)).isInfinite();
    }

    @Test
    void missingModelsAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> OpRegistry.get().factory("perplexity_filter").create(Map.of("arpa_model", arpa())))
                .isInstanceOf(ParamException.class).hasMessageContaining("en.sp.model").hasMessageContaining("never")
                .satisfies(e -> assertThat(((ParamException) e).param()).isEqualTo("tokenizer_model"));
        assertThatThrownBy(() -> OpRegistry.get().factory("perplexity_filter").create(Map.of("tokenizer_model", SP, "lang", "de")))
                .isInstanceOf(ParamException.class).hasMessageContaining("de.arpa.bin")
                .satisfies(e -> assertThat(((ParamException) e).param()).isEqualTo("arpa_model"));
        assertThatThrownBy(() -> filter(Map.of("arpa_model", "/no/such/en.arpa")))
                .isInstanceOf(ParamException.class).hasMessageContaining("/no/such/en.arpa")
                .satisfies(e -> assertThat(((ParamException) e).param()).isEqualTo("arpa_model"));
    }

    @Test
    void piecesAreSharedWithWordFiltersOfTheSameModel() throws Exception {
        SampleContext ctx = new SampleContext();
        Sample s = Sample.ofText("text", "Hello world, hello again.");
        filter(Map.of()).computeStats(s, ctx);
        Object pieces = ctx.values().values().iterator().next();
        ((Filter) OpRegistry.get().factory("words_num_filter").create(Map.of("tokenization", true, "tokenizer_model", SP)))
                .computeStats(s, ctx);
        assertThat(ctx.values()).hasSize(1);
        assertThat(ctx.values().values().iterator().next()).isSameAs(pieces);
    }
}
