package io.djflink.ops.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.ops.Filter;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.ReferenceDocs;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import io.djflink.ops.model.HfBpeEncoder;
import io.djflink.ops.model.HfBpeTokenizer;
import io.djflink.ops.model.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the pure-Java tokenizer and the token ops to Hugging Face's tokenizers library: for each
 * document of the fixture (tokenizer/neox-reference.json, made by tools/models/neox-fixture/gen.sh
 * with the library's own Rust code through its Node binding, on the tokenizer.json the build
 * fetches), the token count is the library's exactly, and so are the ids where the fixture has
 * them; token_num_filter's num_token and alphanumeric_filter's alpha_token_ratio (with Python's
 * str.isalpha() count) follow.
 */
class NeoxTokenizerReferenceTest {

    private static JsonNode fixture;
    private static List<ReferenceDocs.Doc> docs;

    @BeforeAll
    static void load() throws Exception {
        fixture = ReferenceDocs.fixture("/tokenizer/neox-reference.json");
        docs = ReferenceDocs.docs(fixture.get("docs"));
    }

    @Test
    void countsAndIdsEqualTheTokenizersLibrary() throws Exception {
        Path file = ModelFiles.candidates(HfTokenizers.DEFAULT_FILE).stream()
                .filter(Files::isRegularFile).findFirst().orElseThrow();
        assertThat(ReferenceDocs.sha256(Files.readAllBytes(file)))
                .as("the tokenizer the build fetched is the one the fixture was made with")
                .isEqualTo(fixture.get("tokenizer_sha256").asText());
        HfBpeEncoder encoder = HfBpeTokenizer.shared(file).newEncoder();

        List<String> problems = new ArrayList<>();
        int withIds = 0;
        long tokens = 0;
        for (ReferenceDocs.Doc d : docs) {
            int want = d.entry().get("count").asInt();
            int count = encoder.count(d.text());
            tokens += count;
            if (count != want) {
                problems.add(d.id() + ": " + count + " tokens, the library " + want);
            }
            if (d.entry().has("ids")) {
                withIds++;
                int[] wantIds = new int[d.entry().get("ids").size()];
                for (int i = 0; i < wantIds.length; i++) {
                    wantIds[i] = d.entry().get("ids").get(i).asInt();
                }
                int[] ids = encoder.encode(d.text());
                if (!Arrays.equals(ids, wantIds)) {
                    problems.add(d.id() + ": ids " + Arrays.toString(ids) + ", the library " + Arrays.toString(wantIds));
                }
            }
        }
        System.out.printf("GPT-NeoX reference: %d docs (%d with ids), %d tokens, %d disagree%n",
                docs.size(), withIds, tokens, problems.size());
        assertThat(docs.size()).isGreaterThanOrEqualTo(300);
        assertThat(withIds).isGreaterThanOrEqualTo(50);
        assertThat(problems).isEmpty();
    }

    @Test
    void tokenOpsWriteTheLibrarysCountsAndDataJuicersRatio() throws Exception {
        Filter tokenNum = (Filter) OpRegistry.get().factory("token_num_filter").create(Map.of());
        Filter alpha = (Filter) OpRegistry.get().factory("alphanumeric_filter").create(Map.of("tokenization", true));
        tokenNum.open();
        alpha.open();
        SampleContext ctx = new SampleContext();
        List<String> problems = new ArrayList<>();
        for (ReferenceDocs.Doc d : docs) {
            Sample s = Sample.ofText("text", d.text());
            ctx.clear();
            tokenNum.computeStats(s, ctx);
            alpha.computeStats(s, ctx);
            int count = s.stats().get("num_token").asInt();
            double ratio = s.stats().get("alpha_token_ratio").asDouble();
            if (count != d.entry().get("count").asInt()) {
                problems.add(d.id() + ": num_token " + count + ", expected " + d.entry().get("count"));
            }
            if (ratio != d.entry().get("alpha_token_ratio").asDouble()) {
                problems.add(d.id() + ": alpha_token_ratio " + ratio + ", expected " + d.entry().get("alpha_token_ratio"));
            }
        }
        tokenNum.close();
        alpha.close();
        assertThat(problems).isEmpty();
    }
}
