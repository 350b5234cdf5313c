package io.djflink.ops.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.media.DecodedImage;
import io.djflink.media.ImageDecoder;
import io.djflink.ops.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The four hashes against reference values computed independently (tools/media/imagehash_reference.py:
 * numpy re-implementations of Pillow's LANCZOS resampling and luma, scipy's DCT, PyWavelets' Haar
 * steps) on PNGs that script wrote: RGB of sizes that make each hash downsample, upsample, or keep
 * the size, and grey, RGBA and palette images.
 */
class ImageHashTest {

    @Test
    void everyMethodMatchesTheReferenceOnEveryFixture() throws Exception {
        Path dir = Path.of(ImageHashTest.class.getResource("/imagehash").toURI());
        JsonNode ref = Sample.JSON.readTree(dir.resolve("reference.json").toFile()).get("images");
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = ref.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            DecodedImage img = ImageDecoder.decode(e.getKey(), Files.readAllBytes(dir.resolve(e.getKey())));
            JsonNode want = e.getValue();
            assertThat(img.width()).isEqualTo(want.get("width").asInt());
            assertThat(img.height()).isEqualTo(want.get("height").asInt());
            assertThat(ImageHash.AHASH.luma(img)).as(e.getKey() + " ahash pixels").containsExactly(ints(want.get("ahash_pixels")));
            assertThat(ImageHash.DHASH.luma(img)).as(e.getKey() + " dhash pixels").containsExactly(ints(want.get("dhash_pixels")));
            for (ImageHash m : ImageHash.values()) {
                String name = m.name().toLowerCase();
                String got = m.hash(img);
                checked++;
                if (!got.equals(want.get(name).asText())) {
                    mismatches.add(e.getKey() + " " + name + ": " + got + ", reference " + want.get(name).asText());
                }
            }
        }
        assertThat(checked).isEqualTo(40);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void methodsAreNamedAsInDataJuicer() {
        assertThat(ImageHash.of("phash")).isEqualTo(ImageHash.PHASH);
        assertThat(ImageHash.of("whash")).isEqualTo(ImageHash.WHASH);
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }
}
