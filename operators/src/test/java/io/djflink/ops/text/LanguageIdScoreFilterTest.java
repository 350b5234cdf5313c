package io.djflink.ops.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.ops.Filter;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.ParamException;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import io.djflink.ops.model.FastTextModel;
import io.djflink.ops.model.FastTextPredictor;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LanguageIdScoreFilterTest {

    private static final Path LID = Path.of("..", "models", "lid.176.ftz");

    private static Filter filter(Map<String, Object> args) throws Exception {
        Filter f = (Filter) OpRegistry.get().factory("language_id_score_filter").create(args);
        f.open();
        return f;
    }

    private static Sample computed(Filter f, String text) throws Exception {
        Sample s = Sample.ofText("text", text);
        f.computeStats(s, new SampleContext());
        return s;
    }

    private static Sample withStats(String lang, double score) {
        Sample s = Sample.ofText("text", "whatever");
        s.stats().put("lang", lang);
        s.stats().put("lang_score", score);
        return s;
    }

    @Test
    void statsAreFastTextsTopLabelOnTheLowerCasedSingleLineText() throws Exception {
        FastTextPredictor p = FastTextModel.shared(LID).newPredictor();
        p.predict("bonjour à tous les amis du monde entier", 1, 0f);

        Sample s = computed(filter(Map.of()), "BONJOUR À TOUS\nLES AMIS\nDU MONDE ENTIER");

        assertThat(s.stats().get("lang").asText()).isEqualTo("fr");
        assertThat(s.stats().get("lang_score").asDouble()).isEqualTo((double) p.probability(0));
    }

    @Test
    void statsAlreadyPresentAreNotRecomputed() throws Exception {
        Sample s = withStats("xx", 0.5);

        filter(Map.of()).computeStats(s, new SampleContext());

        assertThat(s.stats().get("lang").asText()).isEqualTo("xx");
        assertThat(s.stats().get("lang_score").asDouble()).isEqualTo(0.5);
    }

    @Test
    void emptyLangKeepsAnyLanguageAboveMinScore() throws Exception {
        Filter f = filter(Map.of("lang", ""));
        assertThat(f.keep(withStats("de", 0.8))).isTrue();
        assertThat(f.keep(withStats("de", 0.79))).isFalse();
        Filter none = filter(new HashMap<>(Map.of()));
        assertThat(none.keep(withStats("ja", 0.9))).isTrue();
    }

    @Test
    void nullAndEmptyListLangKeepAnyLanguage() throws Exception {
        Map<String, Object> nullLang = new HashMap<>();
        nullLang.put("lang", null);
        assertThat(filter(nullLang).keep(withStats("ko", 0.95))).isTrue();
        assertThat(filter(Map.of("lang", List.of())).keep(withStats("ko", 0.95))).isTrue();
    }

    @Test
    void langStringOrListRestrictsTheLanguage() throws Exception {
        assertThat(filter(Map.of("lang", "en")).keep(withStats("en", 0.9))).isTrue();
        assertThat(filter(Map.of("lang", "en")).keep(withStats("fr", 0.9))).isFalse();
        Filter both = filter(Map.of("lang", List.of("en", "zh")));
        assertThat(both.keep(withStats("zh", 0.9))).isTrue();
        assertThat(both.keep(withStats("fr", 0.99))).isFalse();
    }

    @Test
    void minScoreIsInclusiveByDefaultAndFollowsMinClosedInterval() throws Exception {
        assertThat(filter(Map.of("min_score", 0.5)).keep(withStats("en", 0.5))).isTrue();
        assertThat(filter(Map.of("min_score", 0.5, "min_closed_interval", false)).keep(withStats("en", 0.5))).isFalse();
    }

    @Test
    void reversedRangeNegatesTheScoreTestButNotTheLanguageTest() throws Exception {
        Filter f = filter(Map.of("lang", "en", "min_score", 0.8, "reversed_range", true));
        assertThat(f.keep(withStats("en", 0.5))).isTrue();
        assertThat(f.keep(withStats("en", 0.9))).isFalse();
        assertThat(f.keep(withStats("fr", 0.5))).isFalse();
    }

    @Test
    void preprocessingIsStringLowerCaseWithNewlinesAsSpacesForEveryCodePoint() throws Exception {
        LanguageIdScoreFilter f = (LanguageIdScoreFilter) filter(Map.of());
        StringBuilder all = new StringBuilder();
        for (int cp = 0; cp <= 0x10FFFF; cp++) {
            if (cp == 0x130 || cp == 0x3A3 || (cp >= 0xD800 && cp <= 0xDFFF)) {
                continue;
            }
            all.appendCodePoint(cp);
            if (cp % 97 == 0) {
                all.append('\n');
            }
        }
        String text = all.toString();
        assertThat(f.djInput(text).toString()).isEqualTo(text.toLowerCase(Locale.ROOT).replace('\n', ' '));
        for (String special : List.of("İSTANBUL\nİZMİR", "ΟΔΟΣ ΣΑΣ\nΣ", "AΣ Σ")) {
            assertThat(f.djInput(special).toString()).isEqualTo(special.toLowerCase(Locale.ROOT).replace('\n', ' '));
        }
    }

    @Test
    void statKeysAreLangAndLangScore() throws Exception {
        assertThat(filter(Map.of()).statKeys()).containsExactly("lang", "lang_score");
    }

    @Test
    void aMissingModelPathIsAParameterErrorNamingTheFetchStep(@TempDir Path dir) {
        assertThatThrownBy(() -> filter(Map.of("model_path", dir.resolve("nope.ftz").toString())))
                .isInstanceOfSatisfying(ParamException.class, e -> assertThat(e.param()).isEqualTo("model_path"))
                .hasMessageContaining("nope.ftz")
                .hasMessageContaining("fetch lid.176 model")
                .hasMessageContaining("never downloads");
    }

    @Test
    void anExplicitModelPathIsUsed() throws Exception {
        Sample s = computed(filter(Map.of("model_path", LID.toString())), "dies ist ein deutscher satz über das wetter");
        assertThat(s.stats().get("lang").asText()).isEqualTo("de");
    }

    @Test
    void theDefaultModelIsFoundFromTheWorkingDirectory() {
        assertThat(LanguageIdScoreFilter.defaultModelCandidates())
                .contains(LID.toAbsolutePath().normalize());
    }

    @Test
    void aTextWithAnUnpairedSurrogateFailsTheSample() throws Exception {
        Filter f = filter(Map.of());
        assertThatThrownBy(() -> computed(f, "text \udc00 here"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate");
    }
}
