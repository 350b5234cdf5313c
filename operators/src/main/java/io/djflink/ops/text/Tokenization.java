package io.djflink.ops.text;

import io.djflink.ops.ModelFile;
import io.djflink.ops.ParamException;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import java.nio.file.Path;

/**
 * The {@code tokenization: true} mode of the word filters, which in Data-Juicer loads a
 * sentencepiece model ({@code <lang>.sp.model}). djflink never fetches a model: djflink's
 * extension parameter {@code tokenizer_model} names the file, and a recipe without it, or naming
 * no file, is refused when the op is built. (alphanumeric_filter's tokenization, on a Hugging Face
 * tokenizer, is {@link HfTokenizers}'.)
 */
final class Tokenization {

    private Tokenization() {}

    /** djflink's extension parameter naming the model file. */
    static ParamSpec modelParam(String what) {
        return ParamSpec.of(
                "tokenizer_model", ParamType.STRING, null,
                "djflink extension: path of the " + what + " used when tokenization is true");
    }

    /**
     * The sentencepiece model file when {@code tokenization} is true, null when it is false.
     *
     * @throws ParamException when tokenization is on and tokenizer_model is missing or names no file
     */
    static Path sentencepieceModel(Params p) {
        if (!p.bool("tokenization")) {
            return null;
        }
        if (p.isNull("tokenizer_model")) {
            throw new ParamException(
                    "tokenization",
                    "op " + p.op() + " with tokenization: true needs tokenizer_model: the path of a sentencepiece "
                            + "model such as Data-Juicer's <lang>.sp.model (Data-Juicer downloads one; djflink never "
                            + "fetches models)");
        }
        return ModelFile.require(p, "tokenizer_model", "sentencepiece model");
    }
}
