package io.djflink.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import io.djflink.ops.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The Smile (binary JSON) form in which a sample crosses the network and sits in state.
 */
public final class SampleSmile {

    private static final ObjectMapper SMILE = new ObjectMapper(Sample.unbounded(new SmileFactory()));

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
}
