package io.djflink.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/** The corpora of shared/data ({@code -Ddjflink.shared}), for tests whose fixtures name documents by corpus and id. */
public final class SharedCorpora {

    private SharedCorpora() {}

    /** shared/data. */
    public static Path dataDir() {
        return Paths.get(System.getProperty("djflink.shared", "../../shared"), "data");
    }

    /**
     * The texts of the fixture documents that live in shared/data: every element of {@code docs}
     * without a {@code text} of its own, by its {@code corpus} and {@code id}. Keyed by id.
     */
    public static Map<String, String> textsOf(JsonNode docs) throws IOException {
        Map<String, Set<String>> wanted = new HashMap<>();
        for (JsonNode d : docs) {
            if (!d.has("text")) {
                wanted.computeIfAbsent(d.get("corpus").asText(), k -> new HashSet<>()).add(d.get("id").asText());
            }
        }
        Map<String, String> texts = new HashMap<>();
        for (Map.Entry<String, Set<String>> e : wanted.entrySet()) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(dataDir().resolve(e.getKey() + ".jsonl.gz")), 1 << 16),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode doc = Sample.JSON.readTree(line);
                    String id = doc.get("id").asText();
                    if (e.getValue().contains(id)) {
                        texts.put(id, doc.get("text").asText());
                    }
                }
            }
        }
        return texts;
    }

    /**
     * The text of fixture document {@code doc}: its own {@code text}, else its text in shared/data
     * ({@code texts}, from {@link #textsOf}), checked against the fixture's {@code text_sha256}.
     */
    public static String textOf(JsonNode doc, Map<String, String> texts) {
        String id = doc.get("id").asText();
        String text = doc.has("text") ? doc.get("text").asText() : texts.get(id);
        assertThat(text).as("text of %s in shared/data", id).isNotNull();
        assertThat(sha256(text.getBytes(StandardCharsets.UTF_8)))
                .as("sha256 of %s's text (shared/data changed? regenerate the fixture)", id)
                .isEqualTo(doc.get("text_sha256").asText());
        return text;
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
