package io.djflink.ops.dedup;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.ops.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The checked-in reference values of {@code neardup/reference.json}, written once by
 * {@code neardup/gen_fixtures.py} with python3 + numpy + scipy on the development machine.
 */
final class Reference {

    private Reference() {}

    static final JsonNode JSON = load();

    private static JsonNode load() {
        try (InputStream in = Reference.class.getResourceAsStream("/neardup/reference.json")) {
            return Sample.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A decimal string as an unsigned 64-bit long. */
    static long u64(JsonNode n) {
        return Long.parseUnsignedLong(n.asText());
    }
}
