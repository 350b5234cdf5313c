package io.djflink.job.io;

import io.djflink.media.MediaSource;
import io.djflink.media.MediaSources;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.apache.flink.core.fs.Path;

/**
 * Media through Flink's file systems: every location with a URI scheme ({@code s3://},
 * {@code hdfs://}, {@code gs://}, ... and {@code file:}) is read with the file system the cluster
 * has for its scheme (its plugins and credentials, as configured for checkpoints and sinks).
 * Plain paths stay with the media module's local source. Registered for
 * {@link java.util.ServiceLoader} in {@code META-INF/services/io.djflink.media.MediaSource}.
 */
public final class FlinkMediaSource implements MediaSource {

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public boolean accepts(String location) {
        return MediaSources.scheme(location) != null;
    }

    @Override
    public long size(String location) throws IOException {
        Path p = path(location);
        return p.getFileSystem().getFileStatus(p).getLen();
    }

    @Override
    public InputStream open(String location) throws IOException {
        Path p = path(location);
        return p.getFileSystem().open(p);
    }

    /** A {@code file:} URI as a local path (FFmpeg reads it in place); other schemes are copied first. */
    @Override
    public java.nio.file.Path localFile(String location) {
        try {
            URI u = URI.create(location);
            return "file".equalsIgnoreCase(u.getScheme()) ? java.nio.file.Path.of(u) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The location as a Flink path; its file system is the one registered for its scheme. */
    private static Path path(String location) throws IOException {
        try {
            return new Path(URI.create(location));
        } catch (IllegalArgumentException e) {
            throw new IOException("not a valid URI (" + e.getMessage() + ")", e);
        }
    }
}
