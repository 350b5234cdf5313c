package io.djflink.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The documents of a reference fixture made by a generator under tools/models: each names a
 * document of shared/data by corpus, id and the sha256 of its text, or carries its own text
 * (hand-written edge cases), so the fixture does not copy the corpora. The corpora are read from
 * {@code -Ddjflink.shared}.
 */
public final class ReferenceDocs {

    /** One fixture document with its text; {@code entry} is its fixture entry. */
    public record Doc(String id, String text, JsonNode entry) {}

    private ReferenceDocs() {}

    /** shared/data. */
    public static Path dataDir() {
        return Paths.get(System.getProperty("djflink.shared", "../../shared"), "data");
    }

    /** Reads a fixture from the test resources. */
    public static JsonNode fixture(String resource) throws IOException {
        try (InputStream in = ReferenceDocs.class.getResourceAsStream(resource)) {
            assertThat(in).as("test resource %s", resource).isNotNull();
            return Sample.JSON.readTree(in);
        }
    }

    /**
     * The fixture's documents with their texts, in fixture order: each entry's own {@code text},
     * else the text of its {@code corpus} and {@code id} in shared/data; each checked against the
     * entry's {@code text_sha256}.
     */
    public static List<Doc> docs(JsonNode docs) throws IOException {
        Map<String, String> texts = corpusTexts(docs);
        List<Doc> out = new ArrayList<>();
        for (JsonNode d : docs) {
            String id = d.get("id").asText();
            String text = d.has("text") ? d.get("text").asText() : texts.get(id);
            assertThat(text).as("text of %s in shared/data", id).isNotNull();
            assertThat(sha256(text.getBytes(StandardCharsets.UTF_8)))
                    .as("sha256 of %s's text (shared/data changed? regenerate the fixture)", id)
                    .isEqualTo(d.get("text_sha256").asText());
            out.add(new Doc(id, text, d));
        }
        return out;
    }

    private static Map<String, String> corpusTexts(JsonNode docs) throws IOException {
        Map<String, Set<String>> wanted = new HashMap<>();
        for (JsonNode d : docs) {
            if (!d.has("text")) {
                wanted.computeIfAbsent(d.get("corpus").asText(), k -> new HashSet<>()).add(d.get("id").asText());
            }
        }
        Path data = dataDir();
        Map<String, String> texts = new HashMap<>();
        for (Map.Entry<String, Set<String>> e : wanted.entrySet()) {
            byte[] corpus;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(data.resolve(e.getKey() + ".jsonl.gz")), 1 << 16)) {
                corpus = in.readAllBytes();
            }
            // Lines are decoded only when their leading id is wanted: decoding the whole corpus
            // would cost more than inflating it.
            for (int start = 0, end; start < corpus.length; start = end + 1) {
                end = indexOf(corpus, (byte) '\n', start);
                String id = leadingId(corpus, start, end);
                if (id != null && !e.getValue().contains(id)) {
                    continue;
                }
                String line = new String(corpus, start, end - start, StandardCharsets.UTF_8);
                if (line.isBlank()) {
                    continue;
                }
                JsonNode doc = Sample.JSON.readTree(line);
                id = doc.get("id").asText();
                if (e.getValue().contains(id)) {
                    texts.put(id, doc.get("text").asText());
                }
            }
        }
        return texts;
    }

    private static int indexOf(byte[] b, byte v, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return b.length;
    }

    private static final byte[] ID_HEAD = "{\"id\": \"".getBytes(StandardCharsets.US_ASCII);

    /** The id of a line that starts {@code {"id": "<ASCII id without escapes>"}, else null. */
    private static String leadingId(byte[] b, int start, int end) {
        if (end - start < ID_HEAD.length || !Arrays.equals(b, start, start + ID_HEAD.length, ID_HEAD, 0, ID_HEAD.length)) {
            return null;
        }
        for (int i = start + ID_HEAD.length; i < end; i++) {
            if (b[i] == '"') {
                return new String(b, start + ID_HEAD.length, i - start - ID_HEAD.length, StandardCharsets.US_ASCII);
            }
            if (b[i] == '\\' || b[i] < 0) {
                return null;
            }
        }
        return null;
    }

    /** Hex SHA-256 of {@code b}. */
    public static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
