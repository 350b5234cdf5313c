package io.djflink.ops.text;

import io.djflink.ops.ParamException;
import io.djflink.ops.Params;
import io.djflink.ops.model.HfBpeTokenizer;
import io.djflink.ops.model.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Hugging Face tokenizer of the ops that count tokens (token_num_filter, and
 * alphanumeric_filter with tokenization: true), named the way Data-Juicer names it.
 *
 * <p>Data-Juicer's default, {@value #DJ_DEFAULT}, tokenizes with GPT-NeoX-20B's tokenizer, as
 * every EleutherAI Pythia model does. djflink ships that tokenizer.json:
 * {@value #DEFAULT_FILE}, put in place at build time by {@link #FETCH_STEP}. Any Pythia id and
 * {@code EleutherAI/gpt-neox-20b} name it; another tokenizer is given as the path of its
 * tokenizer.json or of a directory holding one. Other hub ids are refused when the op is built:
 * djflink never downloads tokenizers.
 */
final class HfTokenizers {

    /** Data-Juicer's default tokenizer (hf_tokenizer of token_num_filter; alphanumeric_filter's fixed one). */
    static final String DJ_DEFAULT = "EleutherAI/pythia-6.9b-deduped";
    /** Where the build puts the shipped tokenizer, relative to the djflink home. */
    static final String DEFAULT_FILE = "models/gpt-neox-20b-tokenizer.json";
    static final String FETCH_STEP = "the build step 'fetch GPT-NeoX tokenizer' (tools/models/fetch-neox-tokenizer.sh, run by "
            + "`mvn -B verify` and `mvn -B package`)";
    /** Hub ids whose tokenizer is the shipped one: GPT-NeoX-20B and the Pythia suite. */
    private static final Pattern SHIPPED_IDS =
            Pattern.compile("EleutherAI/(gpt-neox-20b|pythia-[0-9.]+[mb](-deduped)?(-v0)?)");

    /** The parameter description, shared by the ops. */
    static final String DESCRIPTION = DJ_DEFAULT + " (Data-Juicer's default), any EleutherAI/pythia-* and"
            + " EleutherAI/gpt-neox-20b name the GPT-NeoX-20B tokenizer djflink ships (" + DEFAULT_FILE + "); another"
            + " tokenizer is the path of its tokenizer.json (byte-level BPE) or of a directory holding one; other hub"
            + " ids are refused: djflink never downloads";

    private HfTokenizers() {}

    /**
     * The tokenizer.json that {@code spec} (the value of parameter {@code param}) names. A file
     * given by the user is checked to be one this reader runs (cheaply: vocab and merges are
     * skipped); the shipped one was checksummed by the build.
     *
     * @throws ParamException when it names no usable file, saying what to do
     */
    static Path resolve(Params p, String param, String spec) {
        if (SHIPPED_IDS.matcher(spec).matches()) {
            return shipped(p.op(), param, spec, ModelFiles.candidates(DEFAULT_FILE));
        }
        Path path = null;
        try {
            path = Path.of(spec).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            // not a path: treated as a hub id below
        }
        if (path != null && Files.isDirectory(path)) {
            path = path.resolve("tokenizer.json");
        }
        if (path == null || !Files.isRegularFile(path)) {
            throw new ParamException(param, "op " + p.op() + ": " + param + " '" + spec + "' is neither a tokenizer.json"
                    + " file, a directory holding one, nor a hub id of the tokenizer djflink ships (" + DJ_DEFAULT
                    + ", any EleutherAI/pythia-*, EleutherAI/gpt-neox-20b). djflink never downloads tokenizers: save"
                    + " the tokenizer's tokenizer.json and give its path");
        }
        try {
            HfBpeTokenizer.check(path);
        } catch (IOException e) {
            throw new ParamException(param, "op " + p.op() + ": " + param + " " + e.getMessage());
        }
        return path;
    }

    /** The first of {@code candidates} that is a file. */
    static Path shipped(String op, String param, String spec, List<Path> candidates) {
        List<Path> tried = new ArrayList<>();
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            tried.add(candidate);
        }
        throw new ParamException(param, "op " + op + " needs the GPT-NeoX-20B tokenizer (" + spec + "'s), not found at "
                + tried + ". Fetch it with " + FETCH_STEP + ", or set " + param + " to a tokenizer.json;"
                + " djflink never downloads tokenizers at run time");
    }
}
