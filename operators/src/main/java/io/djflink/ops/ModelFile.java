package io.djflink.ops;

import java.nio.file.Files;
import java.nio.file.Path;

/** A model file named by an op parameter: djflink reads models the user or the build put in place and never downloads one. */
public final class ModelFile {

    private ModelFile() {}

    /**
     * The file parameter {@code param} names, made absolute.
     *
     * @param what what the file is, for the message (e.g. "sentencepiece model")
     * @throws ParamException when it is not a regular file
     */
    public static Path require(Params p, String param, String what) {
        Path path = Path.of(p.string(param)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new ParamException(param, "op " + p.op() + ": " + param + " " + path + " is not a file (the "
                    + what + "); djflink never downloads models");
        }
        return path;
    }
}
