package io.djflink.ops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.ops.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FastTextPredictorTest {

    private static final Path LID = Path.of("..", "models", "lid.176.ftz");

    static Stream<String> toyModels() throws IOException {
        List<String> names = new ArrayList<>();
        toyReference().get("models").fieldNames().forEachRemaining(names::add);
        return names.stream();
    }

    private static JsonNode toyReference() throws IOException {
        try (InputStream in = FastTextPredictorTest.class.getResourceAsStream("/fasttext/toy-reference.json")) {
            return Sample.JSON.readTree(in);
        }
    }

    private static Path resource(String name) throws Exception {
        return Path.of(FastTextPredictorTest.class.getResource("/fasttext/" + name).toURI());
    }

    /**
     * Dense toy models (softmax with word bigrams, one-vs-all with trigrams and no char n-grams,
     * negative sampling, dense hierarchical softmax) against fastText's own top-3. One-vs-all and
     * negative sampling read a sigmoid table, so equal probabilities are common; within a run of
     * equal probabilities the order (and, at the third place, the member) is fastText's heap's
     * business, so there only the probability must match.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("toyModels")
    void toyModelsAgreeWithFastText(String name) throws Exception {
        JsonNode ref = toyReference();
        FastTextModel model = FastTextModel.load(resource("toy-" + name + ".bin"));
        FastTextPredictor p = model.newPredictor();
        FastTextPredictor all = model.newPredictor();
        JsonNode texts = ref.get("texts");
        JsonNode expected = ref.get("models").get(name);
        for (int t = 0; t < texts.size(); t++) {
            String text = texts.get(t).asText();
            JsonNode want = expected.get(t);
            int n = p.predict(text, 3, 0f);
            assertThat(n).as("predictions for %s", text).isEqualTo(want.size());
            int allN = all.predict(text, -1, 0f);
            for (int i = 0; i < n; i++) {
                float wantProb = (float) want.get(i).get("prob").asDouble();
                String wantLabel = want.get(i).get("label").asText();
                assertThat(p.probability(i)).as("%s: probability %d of '%s'", name, i, text).isEqualTo(wantProb);
                if (!p.label(i).equals(wantLabel)) {
                    // a tie: fastText's label must score the same here
                    float of = Float.NaN;
                    for (int j = 0; j < allN; j++) {
                        if (all.label(j).equals(wantLabel)) {
                            of = all.probability(j);
                        }
                    }
                    assertThat(of).as("%s: '%s' predicts %s where fastText has %s", name, text, p.label(i), wantLabel)
                            .isEqualTo(p.probability(i));
                }
            }
        }
    }

    @Test
    void toyModelsCoverEveryLossAndDenseMatrices() throws Exception {
        List<String> losses = new ArrayList<>();
        for (String name : toyModels().toList()) {
            FastTextModel m = FastTextModel.load(resource("toy-" + name + ".bin"));
            losses.add(m.lossName());
            assertThat(m.input).isInstanceOf(FastTextModel.DenseRows.class);
        }
        assertThat(losses).containsExactlyInAnyOrder("hs", "ns", "softmax", "ova");
    }

    @Test
    void lid176IsQuantizedPrunedHierarchicalSoftmax() throws Exception {
        FastTextModel m = FastTextModel.load(LID);
        assertThat(m.lossName()).isEqualTo("hs");
        assertThat(m.labelCount()).isEqualTo(176);
        assertThat(m.label(0)).isEqualTo("__label__en");
        assertThat(m.pruned).isTrue();
        assertThat(m.input).isInstanceOf(FastTextModel.QuantRows.class);
    }

    @Test
    void topKIsBestFirstAndStartsWithTheTopOne() throws Exception {
        FastTextPredictor p = FastTextModel.shared(LID).newPredictor();
        String text = "ceci est une phrase en français, avec quelques mots";
        p.predict(text, 1, 0f);
        String top = p.label(0);
        float topProb = p.probability(0);

        int n = p.predict(text, 5, 0f);

        assertThat(n).isEqualTo(5);
        assertThat(p.label(0)).isEqualTo(top).isEqualTo("__label__fr");
        assertThat(p.probability(0)).isEqualTo(topProb);
        float[] probs = new float[n];
        for (int i = 0; i < n; i++) {
            probs[i] = p.probability(i);
        }
        float[] sorted = probs.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < n; i++) {
            assertThat(probs[i]).isEqualTo(sorted[n - 1 - i]);
        }
    }

    @Test
    void allLabelsAboveTheThresholdSumToAboutOne() throws Exception {
        FastTextPredictor p = FastTextModel.shared(LID).newPredictor();
        int n = p.predict("the quick brown fox", -1, 0f);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += p.probability(i);
        }
        // fastText reports p + 1e-5 per label and prunes labels below that floor
        assertThat(sum).isBetween(0.99, 1.0 + n * 1e-5 + 1e-3);
    }

    @Test
    void onlyTheFirstLineIsRead() throws Exception {
        FastTextPredictor p = FastTextModel.shared(LID).newPredictor();
        p.predict("guten tag meine damen und herren", 1, 0f);
        float de = p.probability(0);

        p.predict("guten tag meine damen und herren\nthe rest is english text", 1, 0f);

        assertThat(p.label(0)).isEqualTo("__label__de");
        assertThat(p.probability(0)).isEqualTo(de);
    }

    @Test
    void labelTokensInTheTextAreIgnored() throws Exception {
        FastTextPredictor p = FastTextModel.shared(LID).newPredictor();
        p.predict("hello there", 1, 0f);
        float plain = p.probability(0);

        p.predict("__label__fr hello __label__unknown there", 1, 0f);

        assertThat(p.probability(0)).isEqualTo(plain);
    }

    @Test
    void anUnpairedSurrogateIsRefused() throws Exception {
        FastTextPredictor p = FastTextModel.shared(LID).newPredictor();
        assertThatThrownBy(() -> p.predict("abc \ud800 def", 1, 0f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate U+D800");
    }

    @Test
    void sharedLoadsEachFileOnce() throws Exception {
        assertThat(FastTextModel.shared(LID)).isSameAs(FastTextModel.shared(LID.toAbsolutePath()));
    }

    @Test
    void aFileThatIsNotAFastTextModelIsRefused(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.bin");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThatThrownBy(() -> FastTextModel.load(junk))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is not a fastText model");
    }

    @Test
    void aTruncatedModelIsRefused(@TempDir Path dir) throws Exception {
        byte[] all = Files.readAllBytes(LID);
        Path cut = dir.resolve("cut.ftz");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> FastTextModel.load(cut))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ends early");
    }
}
