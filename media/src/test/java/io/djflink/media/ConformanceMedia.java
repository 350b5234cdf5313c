package io.djflink.media;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;

/**
 * Generates the stand-in media of the conformance cases from the files of {@code conformance-media}:
 * images of a given format, shape and exact byte size (or with a black {@code caption} on white); WAV audio of a given duration and exact
 * byte size; encoded audio of a given duration; videos ({@link TestVideos#write(Path, JsonNode)});
 * copies of other files.
 */
final class ConformanceMedia {

    private ConformanceMedia() {}

    static void generate(Path dir, JsonNode files) throws IOException {
        long seed = 1;
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Path file = dir.resolve(e.getKey());
            JsonNode spec = e.getValue();
            if (spec.has("copy_of")) {
                Files.copy(dir.resolve(spec.get("copy_of").asText()), file, StandardCopyOption.REPLACE_EXISTING);
            } else if (spec.has("video")) {
                TestVideos.write(file, spec.get("video"));
            } else if (spec.has("image")) {
                String format = spec.get("image").asText();
                int w = spec.get("width").asInt();
                int h = spec.get("height").asInt();
                byte[] encoded = TestMedia.encode(spec.has("caption")
                        ? TestMedia.captioned(w, h, spec.get("caption").asText(), spec.path("size").asInt(32))
                        : TestMedia.scene(w, h, seed++), format);
                Files.write(file, spec.has("bytes") ? TestMedia.padded(encoded, format, spec.get("bytes").asInt()) : encoded);
            } else if (spec.has("audio") && spec.get("audio").asText().equals("wav")) {
                Files.write(file, TestMedia.wav(spec.get("seconds").asDouble(), 16_000, spec.path("bytes").asInt(0)));
            } else if (spec.has("audio")) {
                TestMedia.encodedAudio(file, spec.get("audio").asText(), spec.get("seconds").asDouble());
            } else {
                throw new IllegalArgumentException(e.getKey() + ": no generator for " + spec);
            }
        }
    }
}
