package io.djflink.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.ops.Filter;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** image_size_filter and audio_size_filter: file sizes against size-string bounds, nothing read. */
class FileSizeFilterTest {

    @TempDir
    Path dir;

    @Test
    void sizesAreBytesAndBoundsAreInclusiveSizeStrings() throws Exception {
        Path k2 = Files.write(dir.resolve("a.png"), new byte[2048]);   // not an image: never read
        Path k3 = Files.write(dir.resolve("b.png"), new byte[3072]);

        Sample s = sample("images", k2, k3);
        Filter f = filter("image_size_filter", Map.of("min_size", "2KB", "max_size", "2KiB"));
        f.computeStats(s, new SampleContext());

        assertThat(s.stats().get("image_sizes").toString()).isEqualTo("[2048,3072]");
        assertThat(f.keep(s)).isTrue();
        assertThat(keeps("image_size_filter", Map.of("min_size", "2049"), "images", k2)).isFalse();
        assertThat(keeps("image_size_filter", Map.of("max_size", "2kb", "any_or_all", "all"), "images", k2, k3)).isFalse();
        assertThat(keeps("image_size_filter", Map.of("max_size", "2kb", "min_closed_interval", false, "min_size", "2kb"),
                "images", k2)).isFalse();
    }

    @Test
    void audioSizesReadTheAudioKey() throws Exception {
        Path a = Files.write(dir.resolve("a.wav"), new byte[900]);
        Sample s = sample("sounds", a);
        Filter f = filter("audio_size_filter", Map.of("audio_key", "sounds", "max_size", "899"));
        f.computeStats(s, new SampleContext());
        assertThat(s.stats().get("audio_sizes").toString()).isEqualTo("[900]");
        assertThat(f.keep(s)).isFalse();
    }

    @Test
    void aMissingFileIsAnErrorAndABadSizeStringIsRefusedAtBuildTime() {
        Path gone = dir.resolve("gone.png");
        assertThatThrownBy(() -> filter("image_size_filter", Map.of()).computeStats(sample("images", gone), new SampleContext()))
                .isInstanceOf(MediaException.class).hasMessage(gone + ": no such file");
        assertThatThrownBy(() -> filter("audio_size_filter", Map.of("max_size", "1 lots")))
                .hasMessageContaining("parameter 'max_size' of op audio_size_filter")
                .hasMessageContaining("unknown unit 'lots'");
    }

    private static Sample sample(String key, Path... files) {
        return TestMedia.sample(key, (Object[]) files);
    }

    private static Filter filter(String op, Map<String, Object> args) {
        return (Filter) OpRegistry.get().factory(op).create(new HashMap<>(args));
    }

    private static boolean keeps(String op, Map<String, Object> args, String key, Path... files) throws Exception {
        Filter f = filter(op, args);
        Sample s = sample(key, files);
        f.computeStats(s, new SampleContext());
        return f.keep(s);
    }
}
