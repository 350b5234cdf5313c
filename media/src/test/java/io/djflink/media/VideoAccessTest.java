package io.djflink.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.ops.SampleContext;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoAccessTest {

    @TempDir
    static Path dir;

    /** 50 frames at 25 fps (2 s), key frames every 12; each frame shows its number. */
    static String counted;

    @BeforeAll
    static void videos() throws Exception {
        counted = TestVideos.spec().size(64, 48).fps(25).frames(50).gop(12)
                .paint(TestVideos.numbered())
                .write(dir.resolve("counted.mp4")).toString();
    }

    static final VideoAccess VIDEOS = new VideoAccess(new MediaAccess(new MediaLimits(Long.MAX_VALUE, 3600)));

    @Test
    void uniformTakesTheFirstFrameTheLastAndEvenlyInBetween() throws Exception {
        // targets 0 s, 1 s and 2 s: frames 0 and 25; 2 s is past the last frame (1.96 s), which comes instead
        assertThat(indices(FrameSampling.uniform(3))).containsExactly(0, 25, 49);
        assertThat(indices(FrameSampling.uniform(2))).containsExactly(0, 49);
        assertThat(indices(FrameSampling.uniform(1))).containsExactly(25); // the middle, 1 s
        assertThat(indices(FrameSampling.uniform(5))).containsExactly(0, 13, 25, 38, 49); // 0.5 s -> 0.52 s
    }

    @Test
    void uniformIsCappedAtTheDeclaredFrameCount() throws Exception {
        assertThat(indices(FrameSampling.uniform(80))).hasSize(50);
    }

    @Test
    void allKeyframesAreTheFramesFfmpegFlagsAsKeyFrames() throws Exception {
        assertThat(indices(FrameSampling.allKeyframes())).containsExactly(0, 12, 24, 36, 48);
    }

    @Test
    void framesAreSampledOncePerSampleAndSampling() throws Exception {
        SampleContext ctx = new SampleContext();
        List<DecodedImage> a = VIDEOS.frames(ctx, counted, FrameSampling.uniform(3));
        assertThat(VIDEOS.frames(ctx, counted, FrameSampling.uniform(3))).isSameAs(a);
        assertThat(VIDEOS.frames(ctx, counted, FrameSampling.uniform(4))).isNotSameAs(a).hasSize(4);
        ctx.clear();
        assertThat(VIDEOS.frames(ctx, counted, FrameSampling.uniform(3))).isNotSameAs(a);
    }

    @Test
    void framesConvertToBufferedImagesAndMatsPixelForPixel() throws Exception {
        DecodedImage f = VIDEOS.frames(new SampleContext(), counted, FrameSampling.uniform(1)).get(0);
        BufferedImage img = FrameImages.toBufferedImage(f);
        assertThat(img.getWidth()).isEqualTo(64);
        assertThat(img.getHeight()).isEqualTo(48);
        int rgb = img.getRGB(10, 20);
        int o = (20 * 64 + 10) * 3;
        assertThat(rgb & 0xFF).isEqualTo(f.bgr()[o] & 0xFF);
        assertThat((rgb >> 16) & 0xFF).isEqualTo(f.bgr()[o + 2] & 0xFF);
        try (Mat m = FrameImages.toMat(f)) {
            assertThat(m.rows()).isEqualTo(48);
            assertThat(m.cols()).isEqualTo(64);
            assertThat(m.channels()).isEqualTo(3);
            byte[] back = new byte[f.bgr().length];
            m.data().get(back);
            assertThat(back).isEqualTo(f.bgr());
        }
    }

    @Test
    void aVideoLongerThanMaxVideoSecondsIsNotDecoded() {
        VideoAccess strict = new VideoAccess(new MediaAccess(new MediaLimits(Long.MAX_VALUE, 1.5)));
        assertThatThrownBy(() -> strict.frames(new SampleContext(), counted, FrameSampling.uniform(3)))
                .isInstanceOf(MediaException.class)
                .hasMessage(counted + ": the video lasts 2.0 s, more than max_video_seconds (1.5 s); raise max_video_seconds"
                        + " to decode it");
    }

    /** Which frames came out, read back from their pictures. */
    private static List<Integer> indices(FrameSampling s) throws Exception {
        return VIDEOS.frames(new SampleContext(), counted, s).stream()
                .map(TestVideos::frameNumber)
                .toList();
    }
}
