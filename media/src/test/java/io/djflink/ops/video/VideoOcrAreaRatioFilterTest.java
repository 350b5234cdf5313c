package io.djflink.ops.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.media.MediaException;
import io.djflink.media.TestVideos;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Videos with burned-in captions of known size through the real PP-OCRv4 detector. */
class VideoOcrAreaRatioFilterTest {

    @TempDir
    static Path dir;

    static String captioned;    // a caption on every frame
    static double captionInk;
    static String halfCaptioned; // a caption on the second half of the frames only
    static String plain;
    static VideoOcrAreaRatioFilter shared;

    @BeforeAll
    static void videos() throws Exception {
        Rectangle[] ink = new Rectangle[1];
        captioned = TestVideos.spec().size(320, 192).frames(30).paint(caption("Breaking news", 0, ink))
                .write(dir.resolve("captioned.mp4")).toString();
        captionInk = (double) ink[0].width * ink[0].height / (320 * 192);
        halfCaptioned = TestVideos.spec().size(320, 192).frames(30).paint(caption("Breaking news", 15, ink))
                .write(dir.resolve("half.mp4")).toString();
        plain = TestVideos.spec().size(320, 192).frames(30).paint(caption("", 0, ink)).write(dir.resolve("plain.mp4")).toString();
        shared = filter(Map.of());
        shared.open();
    }

    @AfterAll
    static void close() {
        shared.close();
    }

    @Test
    void theRatioIsTheMeanOverTheSampledFrames() throws Exception {
        Sample s = sample(captioned, plain, halfCaptioned);
        shared.computeStats(s, new SampleContext());
        var r = s.stats().get("video_ocr_area_ratio");
        System.out.printf("video text-area ratios %s; caption ink box %.4f%n", r, captionInk);

        assertThat(r.get(0).asDouble()).isBetween(captionInk * 0.7, captionInk * 2.0);
        assertThat(r.get(1).asDouble()).isZero();
        // frames 0, 14.5 -> 15 and 29 of 30: the caption shows on two of the three
        assertThat(r.get(2).asDouble()).isCloseTo(r.get(0).asDouble() * 2 / 3, org.assertj.core.api.Assertions.within(0.01));
    }

    @Test
    void oneSampledFrameIsTheMiddleOne() throws Exception {
        Sample s = sample(halfCaptioned);
        VideoOcrAreaRatioFilter one = filter(Map.of("frame_sample_num", 1));
        try {
            one.computeStats(s, new SampleContext());
        } finally {
            one.close();
        }
        assertThat(s.stats().get("video_ocr_area_ratio").get(0).asDouble()).isPositive();
    }

    @Test
    void theAsyncPathAgreesAndBoundsFilter() throws Exception {
        Sample inline = sample(captioned, plain);
        shared.computeStats(inline, new SampleContext());
        Sample async = sample(captioned, plain);
        assertThat(shared.applyAsync(async).get()).containsExactly(async);
        assertThat(async.stats().get("video_ocr_area_ratio")).isEqualTo(inline.stats().get("video_ocr_area_ratio"));

        assertThat(filter(Map.of("min_area_ratio", 0.01)).keep(async)).as("any: the captioned video passes").isTrue();
        assertThat(filter(Map.of("min_area_ratio", 0.01, "any_or_all", "all")).keep(async)).isFalse();
    }

    @Test
    void aBrokenVideoIsAnErrorNamingIt() throws Exception {
        Path broken = Files.write(dir.resolve("broken.mp4"), "not a video".getBytes());
        assertThatThrownBy(() -> shared.computeStats(sample(broken.toString()), new SampleContext()))
                .isInstanceOf(MediaException.class).hasMessageContaining(broken.toString());
        assertThatThrownBy(() -> shared.applyAsync(sample(broken.toString())).get())
                .cause().isInstanceOf(MediaException.class).hasMessageContaining(broken.toString());
    }

    /** Black bold text on white from frame {@code from} on; {@code ink[0]} gets the text's box. */
    private static TestVideos.Painter caption(String text, int from, Rectangle[] ink) {
        return (index, width, height, bgr) -> {
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = img.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            Font font = new Font(Font.SANS_SERIF, Font.BOLD, 30);
            g.setFont(font);
            if (index >= from && !text.isEmpty()) {
                g.drawString(text, 30, 110);
                FontRenderContext frc = g.getFontRenderContext();
                ink[0] = font.createGlyphVector(frc, text).getPixelBounds(frc, 30, 110);
            }
            g.dispose();
            System.arraycopy(((DataBufferByte) img.getRaster().getDataBuffer()).getData(), 0, bgr, 0, bgr.length);
        };
    }

    private static Sample sample(String... videos) {
        Sample s = Sample.parse("{\"text\":\"t\"}");
        var a = s.root().putArray("videos");
        for (String v : videos) {
            a.add(v);
        }
        return s;
    }

    private static VideoOcrAreaRatioFilter filter(Map<String, Object> args) {
        return (VideoOcrAreaRatioFilter) new VideoOcrAreaRatioFilter.Factory().create(new HashMap<>(args));
    }
}
