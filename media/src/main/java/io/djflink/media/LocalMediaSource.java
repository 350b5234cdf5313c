package io.djflink.media;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local file system: plain paths (a relative path resolves against the working directory, as
 * Data-Juicer opens a path it did not make absolute) and {@code file:} URIs. Always present, with
 * the lowest priority.
 */
public final class LocalMediaSource implements MediaSource {

    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }

    @Override
    public boolean accepts(String location) {
        String scheme = MediaSources.scheme(location);
        return scheme == null || scheme.equals("file");
    }

    @Override
    public long size(String location) throws IOException {
        return Files.size(path(location));
    }

    @Override
    public InputStream open(String location) throws IOException {
        return Files.newInputStream(path(location));
    }

    @Override
    public Path localFile(String location) {
        try {
            return path(location);
        } catch (IOException e) {
            // size() reported the same problem first
            return null;
        }
    }

    private static Path path(String location) throws IOException {
        try {
            return MediaSources.scheme(location) == null ? Path.of(location) : Path.of(URI.create(location));
        } catch (IllegalArgumentException e) { // also InvalidPathException
            throw new IOException("not a valid local path or file URI (" + e.getMessage() + ")", e);
        }
    }
}
