package io.djflink.ops.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.ops.ReferenceDocs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The sentencepiece models the build fetches into models/ (tools/models/fetch-sentencepiece.sh)
 * and the reference pieces sentencepiece itself produced with them (test resources).
 */
public final class SpModels {

    /** ALBERT's UNIGRAM model with an NFKC map and user-defined symbols. */
    public static final String ALBERT = "albert-30k-clean";
    /** LLaMA 2's BPE model with byte fallback. */
    public static final String LLAMA = "llama2-tokenizer";

    private SpModels() {}

    /** The model file {@code models/<name>.model} of the checkout. */
    public static Path path(String name) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("models").resolve(name + ".model");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException(name + ".model not found in models/ (the build step 'fetch sentencepiece "
                + "models', tools/models/fetch-sentencepiece.sh, puts it there)");
    }

    /** The reference fixture of model {@code name}: {@code docs[]} with {@code pieces} for the short ones. */
    public static JsonNode reference(String name) throws IOException {
        return ReferenceDocs.fixture("/sentencepiece/" + name + "-reference.json");
    }

    /** The edge-case document {@code id} of the fixture (it carries its text and all its pieces). */
    public static JsonNode edgeCase(JsonNode reference, String id) {
        for (JsonNode d : reference.get("docs")) {
            if (d.get("id").asText().equals(id)) {
                return d;
            }
        }
        throw new IllegalArgumentException("no document " + id + " in the fixture");
    }
}
