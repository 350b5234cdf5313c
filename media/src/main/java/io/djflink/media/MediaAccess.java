package io.djflink.media;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How media ops reach their files: one per op, bound to the op's {@link MediaLimits}.
 *
 * <p>Everything loaded is cached in the sample's {@link SampleContext}, keyed by what was loaded
 * and the location, so the ops of a fused chain read and decode each file once per sample (the
 * context is cleared between samples). A file's content does not depend on which op asks, so a
 * later op with other limits reuses the entry, and the limits are checked again on every access.
 *
 * <p>Typical use in a filter:
 *
 * <pre>{@code
 * private final MediaAccess media;           // new MediaAccess(MediaLimits.of(params))
 *
 * public void open() { ImageDecoder.load(); }
 *
 * public void computeStats(Sample sample, SampleContext ctx) throws MediaException {
 *     for (String location : MediaAccess.locations(sample, imageKey)) {
 *         DecodedImage img = media.image(ctx, location);   // decoded once per sample
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Ops on other media derive their own cached values with {@link #cached} (a video op caches
 * its sampled frames under a kind such as {@code "frames:uniform:3"}) and hand files to FFmpeg with
 * {@link #withLocalFile}.
 *
 * <p>Every failure is a {@link MediaException} that names the location and the reason; ops let it
 * propagate, and the engine sends the sample to the error output.
 */
public final class MediaAccess {

    /** Loads a value for the cache; may fail with any I/O error. */
    @FunctionalInterface
    public interface Loader<T> {
        T load() throws IOException;
    }

    /** Reads a local file (the file itself, or a temporary copy of a remote one). */
    @FunctionalInterface
    public interface FileReader<T> {
        T read(Path file) throws IOException;
    }

    /** The context entry holding this sample's media cache. */
    private static final String CONTEXT_ENTRY = "__dj__loaded_media";
    /** A fixed input for that entry, so it lives until the context is cleared. */
    private static final Object SAMPLE = new Object();

    private final MediaLimits limits;
    private final MediaSources sources;

    public MediaAccess(MediaLimits limits) {
        this(limits, MediaSources.get());
    }

    public MediaAccess(MediaLimits limits, MediaSources sources) {
        this.limits = limits;
        this.sources = sources;
    }

    public MediaLimits limits() {
        return limits;
    }

    /**
     * The locations a sample lists under {@code key} ({@code images}, {@code audios},
     * {@code videos} or the op's configured key), in order, duplicates kept. Empty when the field
     * is missing, null or an empty list: Data-Juicer keeps such samples and records empty stats.
     *
     * @throws IllegalArgumentException when the field is not a list of strings
     */
    public static List<String> locations(Sample sample, String key) {
        JsonNode n = sample.get(key);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw new IllegalArgumentException("field '" + key + "' is " + n.getNodeType().name().toLowerCase()
                    + ", not a list of paths");
        }
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw new IllegalArgumentException("field '" + key + "' holds " + e + ", not a path");
            }
            out.add(e.textValue());
        }
        return out;
    }

    /** The file's size in bytes, without reading it (Data-Juicer's {@code os.path.getsize}). */
    public long size(SampleContext ctx, String location) throws MediaException {
        return cached(ctx, "size", location, () -> {
            Object bytes = cache(ctx).get(key("bytes", location));
            return bytes != null ? (long) ((byte[]) bytes).length : sources.forLocation(location).size(location);
        });
    }

    /**
     * The whole file, read once per sample.
     *
     * @throws MediaException when it is missing, unreadable, or larger than {@code max_media_bytes}
     */
    public byte[] bytes(SampleContext ctx, String location) throws MediaException {
        byte[] b = cached(ctx, "bytes", location, () -> read(location));
        limits.checkBytes(location, b.length);
        return b;
    }

    /**
     * The decoded image ({@link ImageDecoder#decode}), decoded once per sample.
     *
     * @throws MediaException when the file cannot be read or is not a decodable image within the limits
     */
    public DecodedImage image(SampleContext ctx, String location) throws MediaException {
        byte[] file = bytes(ctx, location);
        return cached(ctx, "image", location, () -> ImageDecoder.decode(location, file));
    }

    /**
     * A value derived from the file at {@code location}, computed once per sample and kind.
     * {@code kind} names what is derived (and every setting it depends on), e.g.
     * {@code "audio-info"} or {@code "frames:uniform:3"}. A failure is not cached.
     */
    @SuppressWarnings("unchecked")
    public <T> T cached(SampleContext ctx, String kind, String location, Loader<T> loader) throws MediaException {
        Map<String, Object> cache = cache(ctx);
        String key = key(kind, location);
        Object v = cache.get(key);
        if (v == null) {
            try {
                v = loader.load();
            } catch (MediaException e) {
                throw e;
            } catch (IOException e) {
                throw failure(location, e);
            }
            cache.put(key, v);
        }
        return (T) v;
    }

    /**
     * Runs {@code reader} on the file as a local path: the file itself when its source is the
     * local file system, else a temporary copy (deleted afterwards). For readers that seek, such
     * as FFmpeg. The size is checked against {@code max_media_bytes} before anything is read.
     */
    public <T> T withLocalFile(String location, FileReader<T> reader) throws MediaException {
        try {
            MediaSource source = sources.forLocation(location);
            limits.checkBytes(location, source.size(location));
            Path local = source.localFile(location);
            if (local != null) {
                return reader.read(local);
            }
            Path tmp = Files.createTempFile("djflink-media-", suffix(location));
            try {
                try (InputStream in = source.open(location); OutputStream out = Files.newOutputStream(tmp)) {
                    copyAtMost(location, in, out, limits.maxBytes());
                }
                return reader.read(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (MediaException e) {
            throw e;
        } catch (IOException e) {
            throw failure(location, e);
        }
    }

    private byte[] read(String location) throws IOException {
        MediaSource source = sources.forLocation(location);
        limits.checkBytes(location, source.size(location));
        try (InputStream in = source.open(location)) {
            // the size said it fits; a file that grew since (or a source that guessed) is cut off here
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBytes() + 1));
            limits.checkBytes(location, b.length);
            return b;
        }
    }

    private static void copyAtMost(String location, InputStream in, OutputStream out, long max) throws IOException {
        byte[] buf = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > max) {
                throw new MediaException(location, "the file has more than " + MediaLimits.BYTES + " (" + max + ") bytes");
            }
            out.write(buf, 0, n);
        }
    }

    /** Names the usual I/O failures in words; keeps the cause. */
    static MediaException failure(String location, IOException e) {
        if (e instanceof NoSuchFileException || e instanceof FileNotFoundException) {
            return new MediaException(location, "no such file", e);
        }
        if (e instanceof AccessDeniedException) {
            return new MediaException(location, "permission denied", e);
        }
        return new MediaException(location, "cannot be read: " + e, e);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cache(SampleContext ctx) {
        return ctx.derive(CONTEXT_ENTRY, SAMPLE, s -> new HashMap<String, Object>());
    }

    private static String key(String kind, String location) {
        return kind + '\u0000' + location;
    }

    private static String suffix(String location) {
        int slash = location.lastIndexOf('/');
        int dot = location.lastIndexOf('.');
        return dot > slash && location.length() - dot <= 8 ? location.substring(dot) : ".media";
    }
}
