package io.djflink.recipe;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of a recipe's {@code process:} list: the op name, its arguments as written (plus the
 * global arguments the loader injects), and where it stands in the recipe.
 *
 * @param index position in the process list, 0-based; with the name it identifies the op in
 *     metrics, traces and state
 * @param line 1-based recipe line of the entry, or 0 when not from a file
 */
public record OpConfig(String name, Map<String, Object> args, int index, int line, Map<String, Integer> argLines)
        implements Serializable {

    public OpConfig {
        args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
        argLines = argLines == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(argLines));
    }

    /** The recipe line of an argument, or the entry's line when the argument was not written. */
    public int lineOf(String arg) {
        return arg == null ? line : argLines.getOrDefault(arg, line);
    }

    /** A stable id for this op in a job: {@code 03-text_length_filter}. */
    public String id() {
        return String.format("%02d-%s", index, name);
    }

    public OpConfig withArgs(Map<String, Object> newArgs) {
        return new OpConfig(name, newArgs, index, line, argLines);
    }
}
