package io.djflink.ops.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.media.TestMedia;
import io.djflink.ops.Filter;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageAspectRatioFilterTest {

    @TempDir
    Path dir;

    @Test
    void ratiosAreWidthOverHeightAndTheDefaultRangeIsOneThirdToThree() throws Exception {
        Path wide = TestMedia.png(dir.resolve("wide.png"), 300, 100);
        Path tall = TestMedia.jpeg(dir.resolve("tall.jpg"), 100, 301);

        Sample s = sample(wide, tall);
        Filter f = (Filter) new ImageAspectRatioFilter.Factory().create(Map.of());
        f.computeStats(s, new SampleContext());

        assertThat(s.stats().get("aspect_ratios").toString()).isEqualTo("[3.0," + (100.0 / 301) + "]");
        assertThat(f.keep(s)).isTrue();                          // 3.0 is inside, inclusive
        Filter all = (Filter) new ImageAspectRatioFilter.Factory().create(Map.of("any_or_all", "all"));
        Sample both = sample(wide, tall);
        all.computeStats(both, new SampleContext());
        assertThat(all.keep(both)).isFalse();                    // 0.3322 < 0.333
    }

    private static Sample sample(Path... images) {
        return TestMedia.sample("images", (Object[]) images);
    }
}
