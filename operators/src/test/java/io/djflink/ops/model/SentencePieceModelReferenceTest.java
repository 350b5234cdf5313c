package io.djflink.ops.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.ops.ReferenceDocs;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Holds {@link SentencePieceModel#encodeAsPieces} to what sentencepiece itself returns for
 * documents of shared/data and edge cases (fixtures made by its WebAssembly build, see
 * tools/models/sentencepiece-fixture/gen.sh): the same pieces, exactly, for a UNIGRAM model with
 * an NFKC character map and user-defined symbols (ALBERT) and a BPE model with byte fallback
 * (LLaMA 2).
 */
class SentencePieceModelReferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {SpModels.ALBERT, SpModels.LLAMA})
    void piecesEqualSentencepieces(String name) throws Exception {
        JsonNode fixture = SpModels.reference(name);
        Path file = SpModels.path(name);
        assertThat(ReferenceDocs.sha256(Files.readAllBytes(file)))
                .as("the model the build fetched is the one the fixture was made with")
                .isEqualTo(fixture.get("model_sha256").asText());
        SentencePieceModel sp = SentencePieceModel.load(file);
        List<String> problems = new ArrayList<>();
        int n = 0;
        for (ReferenceDocs.Doc d : ReferenceDocs.docs(fixture.get("docs"))) {
            JsonNode doc = d.entry();
            String id = d.id();
            List<String> pieces = sp.encodeAsPieces(d.text());
            n++;
            if (pieces.size() != doc.get("count").asInt() || !piecesSha256(pieces).equals(doc.get("pieces_sha256").asText())) {
                JsonNode want = doc.has("pieces") ? doc.get("pieces") : doc.get("head");
                problems.add(id + ": " + pieces.size() + " pieces vs sentencepiece's " + doc.get("count").asInt()
                        + "; first difference " + firstDifference(pieces, want));
            }
        }
        assertThat(n).isGreaterThanOrEqualTo(300);
        assertThat(problems).isEmpty();
    }

    static String firstDifference(List<String> got, JsonNode want) {
        for (int i = 0; i < want.size(); i++) {
            if (i >= got.size() || !got.get(i).equals(want.get(i).asText())) {
                return "at " + i + ": " + (i < got.size() ? "'" + got.get(i) + "'" : "(end)") + " vs '"
                        + want.get(i).asText() + "' (context " + got.subList(Math.max(0, i - 3), Math.min(got.size(), i + 3)) + ")";
            }
        }
        return "after the " + want.size() + " pieces the fixture keeps";
    }

    /** As the fixture's assemble.py: each piece as a 4-byte big-endian UTF-8 length, then its bytes. */
    static String piecesSha256(List<String> pieces) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (String p : pieces) {
            byte[] b = p.getBytes(StandardCharsets.UTF_8);
            md.update(ByteBuffer.allocate(4).putInt(b.length).array());
            md.update(b);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
