package io.djflink.ops.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read-only models loaded once per JVM per real path and shared by every caller, so the op
 * instances of all task threads hold one copy; each instance keeps its own scratch state.
 */
final class SharedModels<T> {

    /** Loads one model file. */
    interface Loader<T> {
        T load(Path file) throws IOException;
    }

    private final ConcurrentHashMap<Path, T> loaded = new ConcurrentHashMap<>();
    private final Loader<T> loader;

    SharedModels(Loader<T> loader) {
        this.loader = loader;
    }

    T get(Path file) throws IOException {
        Path key = file.toRealPath();
        T m = loaded.get(key);
        if (m != null) {
            return m;
        }
        // one load at a time: a second thread waits for the first instead of loading again
        synchronized (loaded) {
            m = loaded.get(key);
            if (m == null) {
                m = loader.load(key);
                loaded.put(key, m);
            }
            return m;
        }
    }
}
