package io.djflink.media.bench;

import io.djflink.media.ImageDecoder;
import io.djflink.media.TextDetector;
import io.djflink.media.ImageHeader;
import io.djflink.ops.Deduplicator;
import io.djflink.ops.Filter;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import io.djflink.ops.image.ImageHash;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;

/**
 * Single-thread (per core) throughput of the image path on generated pictures: reading the header,
 * decoding (OpenCV, then the copy to Java), decoding and hashing (phash), and a fused chain of
 * three image ops (image_shape_filter, image_aspect_ratio_filter, image_deduplicator) with the
 * per-sample decode cache, against the same three ops each decoding on its own; and decoding
 * plus PP-OCR text detection ({@link TextDetector}: PaddleOCR's resize to a long side of at most
 * 960, one ONNX Runtime intra-op thread, no batching, DB post-processing).
 */
public final class ImageDecodeBench {

    /** One picture's figures, in operations per second on one thread. */
    public record Row(String format, int width, int height, int fileBytes, double headerPerSec, double decodePerSec,
            double decodeHashPerSec, double chainPerSec, double chainUncachedPerSec, double ocrPerSec) {}

    private ImageDecodeBench() {}

    /**
     * Measures each picture for about {@code seconds} per figure after a warm-up.
     *
     * @param pictures "png:640x480", "jpg:1920x1080", ...
     * @param dir where the generated files are written (the chain reads them from there)
     */
    public static List<Row> run(List<String> pictures, double seconds, Path dir) throws Exception {
        ImageDecoder.load();
        Files.createDirectories(dir);
        List<Row> rows = new ArrayList<>();
        OpRegistry reg = OpRegistry.get();
        Filter shape = (Filter) reg.factory("image_shape_filter").create(Map.of("min_width", 10));
        Filter aspect = (Filter) reg.factory("image_aspect_ratio_filter").create(Map.of());
        Deduplicator dedup = (Deduplicator) reg.factory("image_deduplicator").create(Map.of());
        // one intra-op thread and one image at a time: the detector's cost per core
        TextDetector ocr = TextDetector.open(TextDetector.Settings.of(reg.factory("image_ocr_area_ratio_filter")
                .bind(Map.of("infer_threads", 1, "infer_batch", 1, "infer_delay", 0))));
        for (String spec : pictures) {
            String format = spec.substring(0, spec.indexOf(':'));
            String[] wh = spec.substring(spec.indexOf(':') + 1).split("x");
            int w = Integer.parseInt(wh[0]);
            int h = Integer.parseInt(wh[1]);
            byte[] file = encode(picture(w, h), format);
            Path path = Files.write(dir.resolve(w + "x" + h + "." + format), file);
            String location = path.toString();
            double header = rate(seconds, () -> ImageHeader.read(location, file));
            double decode = rate(seconds, () -> ImageDecoder.decode(location, file));
            double hash = rate(seconds, () -> ImageHash.PHASH.hash(ImageDecoder.decode(location, file)));
            SampleContext ctx = new SampleContext();
            double chain = rate(seconds, () -> {
                ctx.clear();
                Sample s = sample(location);
                shape.computeStats(s, ctx);
                aspect.computeStats(s, ctx);
                dedup.hash(s, ctx);
            });
            double uncached = rate(seconds, () -> {
                Sample s = sample(location);
                shape.computeStats(s, new SampleContext());
                aspect.computeStats(s, new SampleContext());
                dedup.hash(s, new SampleContext());
            });
            double text = rate(seconds, () -> ocr.areaRatio(ImageDecoder.decode(location, file)).get());
            rows.add(new Row(format, w, h, file.length, header, decode, hash, chain, uncached, text));
        }
        ocr.close();
        return rows;
    }

    /** One operation to time. */
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    /** Runs {@code task} for a warm-up, then for {@code seconds}; its rate per second. Shared with {@link VideoDecodeBench}. */
    static double rate(double seconds, Task task) throws Exception {
        long warm = System.nanoTime() + (long) (Math.min(1.0, seconds / 3) * 1e9);
        while (System.nanoTime() < warm) {
            task.run();
        }
        long n = 0;
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        long now;
        do {
            task.run();
            n++;
            now = System.nanoTime();
        } while (now < end);
        return n / ((now - t0) / 1e9);
    }

    private static Sample sample(String location) {
        Sample s = Sample.ofText("text", "bench");
        s.root().putArray("images").add(location);
        return s;
    }

    /** A photo-like picture: smooth shapes of colour with sensor-like noise. */
    static BufferedImage picture(int w, int h) {
        Random rnd = new Random(w * 31L + h);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        double fx = 2 + rnd.nextDouble() * 3;
        double fy = 1 + rnd.nextDouble() * 3;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = (double) x / w;
                double v = (double) y / h;
                int r = clamp(128 + 90 * Math.sin(2 * Math.PI * fx * u) * Math.cos(Math.PI * fy * v) + rnd.nextGaussian() * 6);
                int g = clamp(110 + 80 * Math.cos(2 * Math.PI * (u + v)) + rnd.nextGaussian() * 6);
                int b = clamp(100 + 100 * v - 60 * u + rnd.nextGaussian() * 6);
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return img;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** PNG as ImageIO writes it; JPEG at quality 0.9. */
    static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (format.equals("jpg")) {
            ImageWriter jw = ImageIO.getImageWritersByFormatName("jpg").next();
            ImageWriteParam p = jw.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.9f);
            try (var ios = ImageIO.createImageOutputStream(out)) {
                jw.setOutput(ios);
                jw.write(null, new IIOImage(img, null, null), p);
            } finally {
                jw.dispose();
            }
        } else if (!ImageIO.write(img, format, out)) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return out.toByteArray();
    }
}
