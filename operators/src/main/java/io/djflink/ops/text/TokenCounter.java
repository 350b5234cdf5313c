package io.djflink.ops.text;

import io.djflink.ops.Params;
import io.djflink.ops.model.HfBpeEncoder;
import io.djflink.ops.model.HfBpeTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * An op's token counter: the tokenizer.json a parameter names (resolved when the op is built,
 * see {@link HfTokenizers#resolve}) and the op's own encoder over it, made in {@code open()}.
 */
final class TokenCounter {

    private final Path file;
    private HfBpeEncoder encoder;

    TokenCounter(Params p, String param, String spec) {
        this.file = HfTokenizers.resolve(p, param, spec);
    }

    /** Loads the tokenizer (once per JVM) and makes this op's encoder. */
    void open() throws IOException {
        if (encoder == null) {
            encoder = HfBpeTokenizer.shared(file).newEncoder();
        }
    }

    /** {@code len(tokenizer.tokenize(text))}; opens first if the op was not opened. */
    int count(String text) {
        if (encoder == null) {
            try {
                open();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return encoder.count(text);
    }
}
