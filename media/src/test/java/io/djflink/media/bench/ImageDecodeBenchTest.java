package io.djflink.media.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecodeBenchTest {

    @TempDir
    Path dir;

    @Test
    void everyFigureIsMeasuredForEveryPicture() throws Exception {
        List<ImageDecodeBench.Row> rows = ImageDecodeBench.run(List.of("png:64x48", "jpg:80x60"), 0.05, dir);

        assertThat(rows).extracting(r -> r.format() + ":" + r.width() + "x" + r.height()).containsExactly("png:64x48", "jpg:80x60");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.fileBytes()).isPositive();
            assertThat(List.of(r.headerPerSec(), r.decodePerSec(), r.decodeHashPerSec(), r.chainPerSec(),
                    r.chainUncachedPerSec())).allMatch(v -> v > 0);
        });
    }
}
