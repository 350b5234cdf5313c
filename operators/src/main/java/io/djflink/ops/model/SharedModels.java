package io.djflink.ops.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read-only models loaded once per JVM and file (by real path) and shared by every op instance
 * that names the file, so fused ops and parallel subtasks of one task manager hold one copy.
 */
final class SharedModels<T> {

    /** Reads a model file. */
    interface Loader<T> {
        T load(Path file) throws IOException;
    }

    private final ConcurrentHashMap<Path, T> models = new ConcurrentHashMap<>();
    private final Loader<T> loader;

    SharedModels(Loader<T> loader) {
        this.loader = loader;
    }

    /** The model in {@code file}, loading it on first use; concurrent first users wait for one load. */
    T get(Path file) throws IOException {
        Path key = file.toRealPath();
        T m = models.get(key);
        if (m != null) {
            return m;
        }
        synchronized (models) {
            m = models.get(key);
            if (m == null) {
                m = loader.load(key);
                models.put(key, m);
            }
            return m;
        }
    }
}
