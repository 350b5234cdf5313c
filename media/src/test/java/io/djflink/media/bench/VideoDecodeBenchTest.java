package io.djflink.media.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoDecodeBenchTest {

    @TempDir
    Path dir;

    @Test
    void everyFigureIsMeasuredForEveryVideo() throws Exception {
        List<VideoDecodeBench.Row> rows = VideoDecodeBench.run(List.of("64x36", "96x54"), 10, 5, 0.05, dir);

        assertThat(rows).extracting(r -> r.width() + "x" + r.height()).containsExactly("64x36", "96x54");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.fileBytes()).isPositive();
            assertThat(List.of(r.decodeFramesPerSec(), r.decodeBgrFramesPerSec(), r.probePerSec(), r.keyframesPerSec(),
                    r.uniform3PerSec(), r.motionPerSec())).allMatch(v -> v > 0);
        });
    }
}
