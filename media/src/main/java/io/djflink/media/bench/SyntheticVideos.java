package io.djflink.media.bench;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * H.264 videos written on the spot (OpenH264 through FFmpeg, MP4) for benchmarks and job tests: a
 * smooth textured scene panning right by a given number of pixels a frame, content the encoder
 * and the optical flow have to work on, as camera footage.
 */
public final class SyntheticVideos {

    private SyntheticVideos() {}

    /**
     * Writes {@code frames} frames of {@code w x h} at {@code fps}, a key frame every {@code gop}
     * frames, the scene moving {@code speed} pixels a frame (0: a still picture), at 2 Mbit/s for
     * 640x360 and in proportion to the area otherwise.
     */
    public static Path write(Path file, int w, int h, int frames, double fps, int gop, double speed) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), w, h, 0);
        r.setFormat("mp4");
        r.setVideoCodec(AV_CODEC_ID_H264);
        r.setPixelFormat(AV_PIX_FMT_YUV420P);
        r.setFrameRate(fps);
        r.setGopSize(gop);
        r.setVideoBitrate((int) Math.max(200_000, Math.min(Integer.MAX_VALUE, 2_000_000L * w * h / (640 * 360))));
        Frame f = new Frame(w, h, Frame.DEPTH_UBYTE, 3);
        try {
            r.start();
            for (int i = 0; i < frames; i++) {
                ByteBuffer buf = (ByteBuffer) f.image[0];
                for (int y = 0; y < h; y++) {
                    buf.position(y * f.imageStride);
                    for (int x = 0; x < w; x++) {
                        double u = (x - speed * i) / 160;
                        double v = y / 160.0;
                        buf.put(clamp(110 + 80 * Math.sin(9 * u + 3 * v) + 30 * Math.sin(41 * u * v + 17 * v)));
                        buf.put(clamp(120 + 70 * Math.cos(7 * u - 5 * v) + 25 * Math.sin(53 * u + 29 * v)));
                        buf.put(clamp(128 + 90 * Math.sin(13 * u + 11 * v * v) + 20 * Math.cos(61 * v + 37 * u)));
                    }
                }
                buf.rewind();
                r.record(f, AV_PIX_FMT_BGR24);
            }
            r.stop();
        } finally {
            r.release();
        }
        return file;
    }

    private static byte clamp(double v) {
        return (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
    }
}
