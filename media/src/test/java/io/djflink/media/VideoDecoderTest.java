package io.djflink.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoDecoderTest {

    @TempDir
    Path dir;

    @Test
    void probeReadsWhatTheEncoderWasGiven() throws Exception {
        Path f = TestVideos.spec().size(160, 90).fps(25).frames(50).write(dir.resolve("a.mp4"));
        VideoInfo info = VideoInfo.probe("a.mp4", f);
        assertThat(info.width()).isEqualTo(160);
        assertThat(info.height()).isEqualTo(90);
        assertThat(info.frames()).isEqualTo(50);
        assertThat(info.durationSeconds()).isEqualTo(2.0);
        assertThat(info.roundedSeconds()).isEqualTo(2);
        assertThat(info.avgFrameRate()).isCloseTo(25, within(1e-9));
        assertThat(info.codecName()).isEqualTo("h264");
        assertThat(info.hasAudio()).isFalse();
    }

    @Test
    void decodesEveryFrameInOrderWithKeyFramesAtTheGop() throws Exception {
        Path f = TestVideos.spec().frames(50).gop(12).write(dir.resolve("a.mp4"));
        List<Long> pts = new ArrayList<>();
        List<Integer> keys = new ArrayList<>();
        try (VideoDecoder d = VideoDecoder.open("a.mp4", f, VideoDecoder.Conversion.OPENCV, false)) {
            while (d.next()) {
                pts.add(d.pts());
                if (d.keyFrame()) {
                    keys.add(d.index());
                }
            }
        }
        assertThat(pts).hasSize(50).isSorted();
        assertThat(keys).containsExactly(0, 12, 24, 36, 48);
    }
}
