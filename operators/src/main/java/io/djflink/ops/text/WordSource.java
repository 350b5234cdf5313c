package io.djflink.ops.text;

import io.djflink.ops.Params;
import io.djflink.ops.SampleContext;
import io.djflink.ops.model.SentencePieceModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Data-Juicer's {@code get_words_from_document} as the word ops call it: the text split on space,
 * newline and tab, or, with a sentencepiece model ({@code tokenization: true}, and always for
 * perplexity_filter), the model's {@code encode_as_pieces}. The words, and the words lower-cased
 * and stripped of special characters, are shared through the sample context under names that
 * carry the model, as Data-Juicer keys them by its model key, so fused ops tokenize once and ops
 * with different tokenizations never see each other's words.
 *
 * <p>The model is loaded on {@link #open()} or first use, once per JVM and file.
 */
final class WordSource {

    private static final WordSource WHITESPACE = new WordSource(null);

    private final Path model;
    private final String wordsContext;
    private final String refinedContext;
    private volatile SentencePieceModel sp;

    private WordSource(Path model) {
        this.model = model;
        if (model == null) {
            this.wordsContext = Words.WORDS_CONTEXT;
            this.refinedContext = Words.REFINED_LOWER_STRIPPED_CONTEXT;
        } else {
            String key = "sentencepiece:" + model;
            this.wordsContext = "__dj__words-" + key;
            this.refinedContext = Words.REFINED_LOWER_STRIPPED_CONTEXT + key;
        }
    }

    /** Words split on whitespace. */
    static WordSource whitespace() {
        return WHITESPACE;
    }

    /** The pieces of the sentencepiece model in {@code model}. */
    static WordSource sentencepiece(Path model) {
        return new WordSource(model);
    }

    /** As the word filters' {@code tokenization} and {@code tokenizer_model} parameters say. */
    static WordSource of(Params p) {
        Path model = Tokenization.sentencepieceModel(p);
        return model == null ? WHITESPACE : sentencepiece(model);
    }

    /** Loads the model, if any. */
    void open() throws IOException {
        if (model != null && sp == null) {
            sp = SentencePieceModel.shared(model);
        }
    }

    private SentencePieceModel model() {
        SentencePieceModel m = sp;
        if (m == null) {
            try {
                open();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the sentencepiece model " + model, e);
            }
            m = sp;
        }
        return m;
    }

    /** Whether words come from a model (they may then hold a space, with a model that keeps spaces as they are). */
    boolean tokenized() {
        return model != null;
    }

    /** {@code get_words_from_document(text, token_func)}. */
    List<String> words(String text, SampleContext ctx) {
        if (model == null) {
            return ctx.derive(wordsContext, text, Words::fromDocument);
        }
        return ctx.derive(wordsContext, text, t -> model().encodeAsPieces(t));
    }

    /** The words lower-cased and stripped of special characters at both ends, empties dropped. */
    List<String> refinedLowerStripped(String text, SampleContext ctx) {
        return ctx.derive(refinedContext, words(text, ctx), w -> Words.refine(w, true, true));
    }
}
