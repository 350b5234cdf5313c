package io.djflink.ops.text;

import io.djflink.ops.ParamException;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;

/**
 * The {@code tokenization: true} mode of the word filters, which in Data-Juicer loads a
 * sentencepiece model ({@code <lang>.sp.model}). djflink does not run those models yet, so such a
 * recipe is refused when the op is built rather than silently computing a different statistic.
 * (alphanumeric_filter's tokenization, on a Hugging Face tokenizer, is {@link HfTokenizers}'.)
 */
final class Tokenization {

    private Tokenization() {}

    /** djflink's extension parameter naming the model file. */
    static ParamSpec modelParam(String what) {
        return ParamSpec.of(
                "tokenizer_model", ParamType.STRING, null,
                "djflink extension: path of the " + what + " used when tokenization is true");
    }

    /** Refuses tokenization: without a model it cannot work, with one it is not built yet. */
    static void check(Params p, String what) {
        if (!p.bool("tokenization")) {
            return;
        }
        if (p.isNull("tokenizer_model")) {
            throw new ParamException(
                    "tokenization",
                    "op " + p.op() + " with tokenization: true needs tokenizer_model: the path of a " + what
                            + " (Data-Juicer downloads one; djflink never fetches models)");
        }
        throw new ParamException(
                "tokenizer_model",
                "op " + p.op() + ": model-based tokenization is not available in this build yet (tokenizer_model '"
                        + p.string("tokenizer_model") + "'); use tokenization: false");
    }
}
