package io.djflink.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where media bytes come from: the byte-source SPI of the media module. A location is what a
 * sample lists under {@code images}, {@code audios} or {@code videos}: a local path (absolute, or
 * relative to the working directory) or a URI ({@code file:}, {@code s3://}, {@code hdfs://},
 * ...).
 *
 * <p>Sources are found with {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/io.djflink.media.MediaSource}); {@link MediaSources} picks, for each
 * location, the accepting source of highest {@link #priority()}. The media module itself ships
 * {@link LocalMediaSource} (plain paths and {@code file:} URIs); the Flink job adds one that reads
 * through Flink's file systems, so that every scheme the cluster has a file system for works
 * without the media module importing Flink.
 *
 * <p>Implementations must be thread-safe: every task thread of a JVM shares them.
 */
public interface MediaSource {

    /** Among sources that accept a location, the highest priority serves it. */
    default int priority() {
        return 0;
    }

    /** Whether this source can serve the location. */
    boolean accepts(String location);

    /**
     * The size of the file in bytes, without reading it.
     *
     * @throws java.io.FileNotFoundException or {@link java.nio.file.NoSuchFileException} when
     *     nothing exists there
     */
    long size(String location) throws IOException;

    /** Opens the file for reading from its start; the caller closes the stream. */
    InputStream open(String location) throws IOException;

    /**
     * The location as a file of the local file system, for readers that want to seek (FFmpeg), or
     * null when it is not one; {@link MediaAccess} then copies the bytes to a temporary file.
     */
    default Path localFile(String location) {
        return null;
    }
}
