package io.djflink.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import io.djflink.ops.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * The Smile (binary JSON) form in which a sample crosses the network and sits in state, and the
 * ways out of it: back to a {@link Sample} tree, or straight to its JSON line without a tree.
 */
public final class SampleSmile {

    private static final ObjectMapper SMILE = new ObjectMapper(Sample.unbounded(new SmileFactory()));
    /**
     * Writes JSON as {@link Sample#toJson()} does: {@code JsonNode.toString()} uses a mapper on a
     * default {@link JsonFactory}, and so does {@link Sample#JSON} (only its read limit differs).
     */
    private static final JsonFactory JSON = Sample.JSON.getFactory();

    private SampleSmile() {}

    /** The sample's Smile bytes. */
    public static byte[] encode(Sample sample) {
        try {
            return SMILE.writeValueAsBytes(sample.root());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a sample as Smile", e);
        }
    }

    /** The sample of Smile bytes made by {@link #encode}. */
    public static Sample decode(byte[] smile) {
        try {
            JsonNode node = SMILE.readTree(smile);
            return new Sample((ObjectNode) node);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode a sample from Smile", e);
        }
    }

    /**
     * The JSON line of Smile bytes made by {@link #encode}, without the top-level fields in
     * {@code drop}: the same string as {@code decode(smile)} with those fields removed and then
     * {@link Sample#toJson()}, but streamed from token to token, never building the tree.
     */
    public static String toJson(byte[] smile, Set<String> drop) {
        // As ObjectMapper.writeValueAsString: the writer and generator share one pooled buffer set.
        BufferRecycler buffers = JSON._getBufferRecycler();
        try (JsonParser p = SMILE.getFactory().createParser(smile);
                SegmentedStringWriter w = new SegmentedStringWriter(buffers)) {
            try (JsonGenerator g = JSON.createGenerator(w)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("a sample's Smile must hold an object");
                }
                g.writeStartObject();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    if (drop.contains(p.currentName())) {
                        p.nextToken();
                        p.skipChildren();
                    } else {
                        g.copyCurrentEvent(p);
                        p.nextToken();
                        copyValue(p, g);
                    }
                }
                g.writeEndObject();
            }
            return w.getAndClear();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a sample's Smile as JSON", e);
        } finally {
            buffers.releaseToPool();
        }
    }

    /**
     * Copies the value at the parser's token, as {@code copyCurrentStructure} would, except for
     * big decimals: the tree strips their trailing zeros when it reads them, so they are read the
     * tree's way to write the same digits.
     */
    private static void copyValue(JsonParser p, JsonGenerator g) throws IOException {
        int depth = 0;
        do {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_FLOAT && p.getNumberType() == JsonParser.NumberType.BIG_DECIMAL) {
                JsonNode tree = SMILE.readTree(p);
                g.writeNumber(tree.decimalValue());
            } else {
                g.copyCurrentEvent(p);
                if (t.isStructStart()) {
                    depth++;
                } else if (t.isStructEnd()) {
                    depth--;
                }
            }
        } while (depth > 0 && p.nextToken() != null);
    }
}
