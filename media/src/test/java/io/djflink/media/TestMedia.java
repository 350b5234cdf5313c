package io.djflink.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Media files that tests write for themselves: small, deterministic, of known properties. */
public final class TestMedia {

    private TestMedia() {}

    /** A sample with text "t" and these locations listed under {@code key}. */
    public static io.djflink.ops.Sample sample(String key, Object... locations) {
        io.djflink.ops.Sample s = io.djflink.ops.Sample.ofText("text", "t");
        com.fasterxml.jackson.databind.node.ArrayNode a = s.root().putArray(key);
        for (Object l : locations) {
            a.add(l.toString());
        }
        return s;
    }

    /** A w x h RGB picture: smooth gradients plus seeded noise, so that encoders and hashes have work. */
    public static BufferedImage picture(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random rnd = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (x * 255 / Math.max(1, w - 1) + rnd.nextInt(40)) & 0xFF;
                int g = (y * 255 / Math.max(1, h - 1) + rnd.nextInt(40)) & 0xFF;
                int b = ((x + y) * 3 + rnd.nextInt(40)) & 0xFF;
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return img;
    }

    /**
     * Black bold sans-serif {@code text} of {@code size} px on white, baseline at 55% of the height,
     * starting at a tenth of the width: a picture whose text area is known.
     */
    public static BufferedImage captioned(int w, int h, String text, int size) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(java.awt.Color.BLACK);
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, size));
        g.drawString(text, w / 10, h * 55 / 100);
        g.dispose();
        return img;
    }

    /**
     * A w x h RGB picture of a few seeded low-frequency waves per channel: two seeds give pictures
     * that look different at any scale (their perceptual hashes differ), and it compresses well.
     */
    public static BufferedImage scene(int w, int h, long seed) {
        Random rnd = new Random(seed);
        double[][] waves = new double[9][4];
        for (double[] wave : waves) {
            wave[0] = 0.5 + rnd.nextDouble() * 3.5;  // cycles across the picture, x
            wave[1] = 0.5 + rnd.nextDouble() * 3.5;  // cycles, y
            wave[2] = rnd.nextDouble() * 2 * Math.PI;
            wave[3] = rnd.nextBoolean() ? 1 : -1;
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    double v = 0;
                    for (int k = 0; k < 3; k++) {
                        double[] wave = waves[c * 3 + k];
                        v += wave[3] * Math.sin(2 * Math.PI * (wave[0] * x / w + wave[1] * y / h) + wave[2]);
                    }
                    int level = (int) Math.round(128 + 40 * v);
                    rgb = (rgb << 8) | Math.max(0, Math.min(255, level));
                }
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    /**
     * The encoded file grown to exactly {@code size} bytes with data decoders skip: a private
     * ancillary chunk before a PNG's end, comment segments after a JPEG's start.
     */
    public static byte[] padded(byte[] file, String format, int size) {
        int extra = size - file.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (format.equals("png")) {
            if (extra < 12) {
                throw new IllegalArgumentException("the PNG has " + file.length + " bytes, cannot grow it to " + size);
            }
            out.write(file, 0, file.length - 12);
            chunk(out, "djPd", new byte[extra - 12]);
            out.write(file, file.length - 12, 12);
        } else {
            if (extra < 4) {
                throw new IllegalArgumentException("the JPEG has " + file.length + " bytes, cannot grow it to " + size);
            }
            out.write(file, 0, 2);
            while (extra > 0) {
                int segment = Math.min(extra, 65537);
                if (extra - segment > 0 && extra - segment < 4) {
                    segment -= 4; // leave room for one more segment
                }
                out.write(0xFF);
                out.write(0xFE);
                out.writeBytes(ByteBuffer.allocate(2).putShort((short) (segment - 2)).array());
                out.writeBytes(new byte[segment - 4]);
                extra -= segment;
            }
            out.write(file, 2, file.length - 2);
        }
        return out.toByteArray();
    }

    /**
     * Encodes: PNG with this class's own writer (8-bit RGB, each row Sub-filtered, best deflate:
     * smooth pictures come out small, which ImageIO's writer does not manage), other formats
     * ("jpg", "bmp", "gif", "tiff") with ImageIO.
     */
    public static byte[] encode(BufferedImage img, String format) throws IOException {
        if (format.equals("png")) {
            return png(img);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, format, out)) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return out.toByteArray();
    }

    private static byte[] png(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] raw = new byte[h * (1 + 3 * w)];
        int i = 0;
        for (int y = 0; y < h; y++) {
            raw[i++] = 1; // Sub: each byte minus the same channel of the pixel to its left
            int prev = 0;
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                for (int shift = 16; shift >= 0; shift -= 8) {
                    int left = x == 0 ? 0 : (prev >> shift) & 0xFF;
                    raw[i++] = (byte) (((rgb >> shift) & 0xFF) - left);
                }
                prev = rgb;
            }
        }
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        d.setInput(raw);
        d.finish();
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (!d.finished()) {
            z.write(buf, 0, d.deflate(buf));
        }
        d.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).array());
        chunk(out, "IDAT", z.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    public static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, bytes);
    }

    /**
     * A WAV file of a 440 Hz sine: 16-bit mono PCM at {@code rate} Hz, {@code seconds} long; with
     * {@code size} > 0 a JUNK chunk before the data (which readers skip) makes the file exactly that
     * many bytes.
     */
    public static byte[] wav(double seconds, int rate, int size) {
        int frames = (int) Math.round(seconds * rate);
        int data = frames * 2;
        int junk = size > 0 ? size - 44 - 8 - data : -1;
        if (size > 0 && (junk < 0 || junk % 2 != 0)) {
            throw new IllegalArgumentException("a " + seconds + " s WAV cannot be padded to " + size + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate(44 + data + (junk >= 0 ? 8 + junk : 0)).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(b.capacity() - 8).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16);
        if (junk >= 0) {
            b.put("JUNK".getBytes(StandardCharsets.US_ASCII)).putInt(junk).put(new byte[junk]);
        }
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data);
        for (int i = 0; i < frames; i++) {
            b.putShort((short) Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / rate)));
        }
        return b.array();
    }

    /**
     * An encoded audio file of a 440 Hz sine, {@code seconds} long, written by FFmpeg: mono, in
     * the container {@code format} ("ogg": Opus at 16 kHz, fastest setting; "m4a": AAC in MP4,
     * its index last; "m4a-faststart": the index first; "adts": raw AAC, which states no duration;
     * "mp3"; AAC and MP3 at 44.1 kHz).
     */
    public static Path encodedAudio(Path file, String format, double seconds) throws IOException {
        FfmpegNatives.load();
        int rate = format.equals("ogg") ? 16_000 : 44_100;
        try (org.bytedeco.javacv.FFmpegFrameRecorder r = new org.bytedeco.javacv.FFmpegFrameRecorder(file.toFile(), 1)) {
            r.setFormat(format.startsWith("m4a") ? "ipod" : format);
            if (format.equals("m4a-faststart")) {
                r.setOption("movflags", "faststart");
            }
            r.setAudioCodec(switch (format) {
                case "ogg" -> org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
                case "m4a", "m4a-faststart", "adts" -> org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
                default -> org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MP3;
            });
            r.setSampleRate(rate);
            r.setAudioBitrate(32_000);
            r.setAudioOption("compression_level", "0");
            r.start();
            int frames = (int) Math.round(seconds * rate);
            short[] chunk = new short[4800];
            for (int done = 0; done < frames; done += chunk.length) {
                int n = Math.min(chunk.length, frames - done);
                for (int i = 0; i < n; i++) {
                    chunk[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 440 * (done + i) / rate));
                }
                r.recordSamples(rate, 1, java.nio.ShortBuffer.wrap(chunk, 0, n));
            }
            r.stop();
        }
        return file;
    }

    /** A w x h PNG picture. */
    public static Path png(Path file, int w, int h) throws IOException {
        return write(file, encode(picture(w, h, w * 31L + h), "png"));
    }

    /** A w x h JPEG picture. */
    public static Path jpeg(Path file, int w, int h) throws IOException {
        return write(file, encode(picture(w, h, w * 37L + h), "jpg"));
    }

    /** The first {@code length} bytes of a file, as another file. */
    public static Path truncated(Path source, Path file, int length) throws IOException {
        return write(file, Arrays.copyOf(Files.readAllBytes(source), length));
    }

    /**
     * A well-formed PNG whose header declares {@code w x h} RGB pixels, with a tiny image data
     * chunk: what a decompression bomb or a forged header looks like to a decoder.
     */
    public static byte[] pngDeclaring(long w, long h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt((int) w).putInt((int) h).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        Deflater d = new Deflater();
        d.setInput(new byte[64]);
        d.finish();
        byte[] z = new byte[128];
        chunk(out, "IDAT", Arrays.copyOf(z, d.deflate(z)));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** Appends a PNG chunk (length, type, data, CRC). */
    public static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /**
     * The JPEG with an EXIF segment carrying this orientation (1 upright, 6 and 8 rotated by a
     * quarter turn, which swaps width and height when applied).
     */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        // TIFF structure: little-endian header, one IFD with one entry (0x0112 Orientation, SHORT)
        ByteBuffer tiff = ByteBuffer.allocate(26).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] exif = new byte[6 + tiff.capacity()];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.US_ASCII), 0, exif, 0, 6);
        System.arraycopy(tiff.array(), 0, exif, 6, tiff.capacity());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xE1);
        out.writeBytes(ByteBuffer.allocate(2).putShort((short) (exif.length + 2)).array());
        out.writeBytes(exif);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
