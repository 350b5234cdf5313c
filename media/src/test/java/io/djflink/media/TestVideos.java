package io.djflink.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Videos that tests write for themselves with FFmpeg's encoders (H.264 through the bundled
 * OpenH264 by default): small, deterministic, of known duration, size, frame rate and content.
 */
public final class TestVideos {

    /** Paints frame {@code index} into {@code bgr} ({@code width * height * 3} bytes, rows without padding). */
    @FunctionalInterface
    public interface Painter {
        void paint(int index, int width, int height, byte[] bgr);
    }

    /** What to write; build with the {@code with...} methods. */
    public static final class Spec {
        int width = 160;
        int height = 90;
        double fps = 25;
        int frames = 50;
        int gop = 12;
        int codec = AV_CODEC_ID_H264;
        String format = "mp4";
        int audioRate;
        boolean faststart;
        Painter painter = texture(0);

        public Spec size(int w, int h) {
            width = w;
            height = h;
            return this;
        }

        public Spec fps(double f) {
            fps = f;
            return this;
        }

        public Spec frames(int n) {
            frames = n;
            return this;
        }

        /** Key frame interval in frames. */
        public Spec gop(int g) {
            gop = g;
            return this;
        }

        public Spec codec(int id) {
            codec = id;
            return this;
        }

        public Spec format(String f) {
            format = f;
            return this;
        }

        /** Writes an MP4's index before its data (so a cut-off copy still opens). */
        public Spec faststart() {
            faststart = true;
            return this;
        }

        /** Adds a mono sine audio track at this sample rate. */
        public Spec audio(int sampleRate) {
            audioRate = sampleRate;
            return this;
        }

        public Spec paint(Painter p) {
            painter = p;
            return this;
        }

        public Path write(Path file) throws IOException {
            return TestVideos.write(file, this);
        }
    }

    private TestVideos() {}

    public static Spec spec() {
        return new Spec();
    }

    /** Encodes the frames the spec paints into {@code file}. */
    public static Path write(Path file, Spec s) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), s.width, s.height, s.audioRate > 0 ? 1 : 0);
        r.setFormat(s.format);
        r.setVideoCodec(s.codec);
        r.setFrameRate(s.fps);
        r.setGopSize(s.gop);
        r.setPixelFormat(AV_PIX_FMT_YUV420P);
        r.setVideoBitrate(2_000_000);
        if (s.audioRate > 0) {
            r.setSampleRate(s.audioRate);
        }
        if (s.faststart) {
            r.setOption("movflags", "+faststart");
        }
        Frame frame = new Frame(s.width, s.height, Frame.DEPTH_UBYTE, 3);
        byte[] bgr = new byte[s.width * s.height * 3];
        try {
            r.start();
            long samplesWritten = 0;
            for (int i = 0; i < s.frames; i++) {
                s.painter.paint(i, s.width, s.height, bgr);
                ByteBuffer buf = (ByteBuffer) frame.image[0];
                for (int y = 0; y < s.height; y++) {
                    buf.position(y * frame.imageStride);
                    buf.put(bgr, y * s.width * 3, s.width * 3);
                }
                buf.rewind();
                r.record(frame, AV_PIX_FMT_BGR24);
                if (s.audioRate > 0) {
                    long until = Math.round((i + 1) * s.audioRate / s.fps);
                    short[] pcm = new short[(int) (until - samplesWritten)];
                    for (int k = 0; k < pcm.length; k++) {
                        pcm[k] = (short) (8000 * Math.sin(2 * Math.PI * 440 * (samplesWritten + k) / s.audioRate));
                    }
                    samplesWritten = until;
                    r.recordSamples(s.audioRate, 1, ShortBuffer.wrap(pcm));
                }
            }
            r.stop();
        } finally {
            r.release();
        }
        return file;
    }

    /**
     * A seeded smooth texture (a few low-frequency waves per channel) shifted right by
     * {@code speed} pixels per frame: every pixel moves by {@code speed} per frame, so the optical
     * flow between frames {@code k} apart is {@code k * speed} pixels nearly everywhere.
     */
    public static Painter texture(double speed) {
        return texture(speed, 7);
    }

    /** {@link #texture(double)} with another seed (another picture). */
    public static Painter texture(double speed, long seed) {
        Random rnd = new Random(seed);
        double[][] waves = new double[9][4];
        for (double[] w : waves) {
            w[0] = 4 + rnd.nextDouble() * 8; // cycles over 160 px, x: fine enough for Farneback to track 5 px
            w[1] = 4 + rnd.nextDouble() * 8; // cycles over 160 px, y
            w[2] = rnd.nextDouble() * 2 * Math.PI;
            w[3] = 20 + rnd.nextDouble() * 25;
        }
        return (index, width, height, bgr) -> {
            double shift = index * speed;
            // sin(a + b) = sin a cos b + cos a sin b: one table per column and per row and wave
            double[][] sx = new double[9][width];
            double[][] cx = new double[9][width];
            double[][] sy = new double[9][height];
            double[][] cy = new double[9][height];
            for (int k = 0; k < 9; k++) {
                double[] w = waves[k];
                for (int x = 0; x < width; x++) {
                    double a = 2 * Math.PI * w[0] * (x - shift) / 160;
                    sx[k][x] = w[3] * Math.sin(a);
                    cx[k][x] = w[3] * Math.cos(a);
                }
                for (int y = 0; y < height; y++) {
                    double b = 2 * Math.PI * w[1] * y / 160 + w[2];
                    sy[k][y] = Math.sin(b);
                    cy[k][y] = Math.cos(b);
                }
            }
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int o = (y * width + x) * 3;
                    for (int c = 0; c < 3; c++) {
                        double v = 128;
                        for (int k = c * 3; k < c * 3 + 3; k++) {
                            v += sx[k][x] * cy[k][y] + cx[k][x] * sy[k][y];
                        }
                        bgr[o + c] = (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
                    }
                }
            }
        };
    }

    /**
     * A {@code side x side} textured square moving right by {@code speed} pixels per frame over a
     * flat grey background, starting at the left edge, vertically centred.
     */
    public static Painter movingSquare(int side, double speed) {
        Painter tex = texture(0, 3);
        byte[][] picture = new byte[1][];
        return (index, width, height, bgr) -> {
            if (picture[0] == null || picture[0].length != bgr.length) {
                picture[0] = new byte[bgr.length];
                tex.paint(0, width, height, picture[0]);
            }
            byte[] t = picture[0];
            java.util.Arrays.fill(bgr, (byte) 96);
            int x0 = (int) Math.round(index * speed);
            int y0 = (height - side) / 2;
            for (int y = y0; y < y0 + side && y < height; y++) {
                for (int x = 0; x < side && x0 + x < width; x++) {
                    System.arraycopy(t, (y * width + x) * 3, bgr, (y * width + x0 + x) * 3, 3);
                }
            }
        };
    }

    /**
     * Scenes cut hard at the given frames: scene {@code k} shows its own seeded texture, tinted by
     * its own colour ({@code 0xRRGGBB}). The frames of one scene are identical.
     */
    public static Painter scenes(int[] cutsAt, int[] colours) {
        if (colours.length != cutsAt.length + 1) {
            throw new IllegalArgumentException("one colour per scene: " + (cutsAt.length + 1));
        }
        Painter[] textures = new Painter[cutsAt.length + 1];
        for (int i = 0; i < textures.length; i++) {
            textures[i] = texture(0, 100 + i);
        }
        return (index, width, height, bgr) -> {
            int scene = 0;
            while (scene < cutsAt.length && index >= cutsAt[scene]) {
                scene++;
            }
            textures[scene].paint(0, width, height, bgr);
            int rgb = colours[scene];
            int[] tint = {rgb & 0xFF, (rgb >> 8) & 0xFF, (rgb >> 16) & 0xFF}; // B, G, R
            for (int i = 0; i < bgr.length; i++) {
                int v = (bgr[i] & 0xFF) / 4 + tint[i % 3] * 3 / 4;
                bgr[i] = (byte) v;
            }
        };
    }

    /**
     * Frames that show their own number: 8 vertical stripes, stripe b bright when bit b of the
     * frame number is set ({@link #frameNumber} reads it back, whatever the encoder's losses).
     */
    public static Painter numbered() {
        return (index, width, height, bgr) -> {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int bit = x * 8 / width;
                    java.util.Arrays.fill(bgr, (y * width + x) * 3, (y * width + x) * 3 + 3,
                            (byte) (((index >> bit) & 1) == 1 ? 220 : 30));
                }
            }
        };
    }

    /** The number a {@link #numbered()} frame shows. */
    public static int frameNumber(DecodedImage f) {
        int n = 0;
        int y = f.height() / 2;
        for (int bit = 0; bit < 8; bit++) {
            int x = (2 * bit + 1) * f.width() / 16;
            if ((f.bgr()[(y * f.width() + x) * 3 + 1] & 0xFF) > 128) {
                n |= 1 << bit;
            }
        }
        return n;
    }

    /**
     * Writes a video described in JSON (the conformance stand-ins): {@code width}, {@code height},
     * {@code fps}, {@code frames}, {@code seed}, and {@code paint}: {@code {"texture": speed}} for
     * {@link #texture(double, long)}, {@code {"flat": [[first frame, B, G, R], ...]}} for
     * flat-colour scenes, or {@code {"caption": text, "size": px, "from": frame}} for black text on
     * white from a frame on (white before it).
     */
    public static Path write(Path file, com.fasterxml.jackson.databind.JsonNode v) throws IOException {
        Spec s = spec().size(v.get("width").asInt(), v.get("height").asInt()).fps(v.get("fps").asDouble())
                .frames(v.get("frames").asInt());
        com.fasterxml.jackson.databind.JsonNode paint = v.get("paint");
        if (paint.has("texture")) {
            s.paint(texture(paint.get("texture").asDouble(), v.path("seed").asLong(7)));
        } else if (paint.has("flat")) {
            com.fasterxml.jackson.databind.JsonNode segments = paint.get("flat");
            s.paint((index, w, h, bgr) -> {
                com.fasterxml.jackson.databind.JsonNode seg = segments.get(0);
                for (com.fasterxml.jackson.databind.JsonNode x : segments) {
                    if (x.get(0).asInt() <= index) {
                        seg = x;
                    }
                }
                for (int i = 0; i < bgr.length; i++) {
                    bgr[i] = (byte) seg.get(1 + i % 3).asInt();
                }
            });
        } else if (paint.has("caption")) {
            byte[] frame = ((java.awt.image.DataBufferByte) TestMedia.captioned(s.width, s.height, paint.get("caption").asText(),
                    paint.path("size").asInt(32)).getRaster().getDataBuffer()).getData();
            int from = paint.path("from").asInt(0);
            s.paint((index, w, h, bgr) -> {
                if (index >= from) {
                    System.arraycopy(frame, 0, bgr, 0, bgr.length);
                } else {
                    java.util.Arrays.fill(bgr, (byte) 255);
                }
            });
        } else {
            throw new IllegalArgumentException("no painter for " + paint);
        }
        return s.write(file);
    }
}
