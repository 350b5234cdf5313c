package io.djflink.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Per-sample cache of derived values (lines, words, refined words, decoded media) so that fused
 * ops compute each once. Entries are named as Data-Juicer names its context variables
 * ({@code __dj__lines}, {@code __dj__words-None}, ...).
 *
 * <p>Each entry remembers the exact input it was derived from: when a mapper replaces the text,
 * the next reader sees a different input instance and the entry is recomputed. Identity (not
 * equality) is deliberate; it costs nothing and is never stale.
 */
public final class SampleContext {

    private final Map<String, Object[]> entries = new LinkedHashMap<>();

    /**
     * The value named {@code name} derived from {@code input}, computing it on first use or when
     * the input changed since.
     */
    @SuppressWarnings("unchecked")
    public <I, T> T derive(String name, I input, Function<I, T> compute) {
        Object[] e = entries.get(name);
        if (e != null && e[0] == input) {
            return (T) e[1];
        }
        T value = compute.apply(input);
        entries.put(name, new Object[] {input, value});
        return value;
    }

    /** Forgets everything; called between samples. */
    public void clear() {
        entries.clear();
    }

    /** The cached values by name, for tests and the conformance runner. */
    public Map<String, Object> values() {
        Map<String, Object> out = new LinkedHashMap<>();
        entries.forEach((k, v) -> out.put(k, v[1]));
        return out;
    }
}
