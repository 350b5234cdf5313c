package io.djflink.ops.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where ops look for a model file the build fetched (the git-ignored {@code models/} folder). */
public final class ModelFiles {

    private ModelFiles() {}

    /**
     * The places {@code relative} (e.g. {@code models/lid.176.ftz}) may be, in order: under
     * {@code -Ddjflink.home} (set by {@code bin/djflink}), under {@code $DJFLINK_HOME} (set in the
     * image), then under the working directory and each of its parents.
     */
    public static List<Path> candidates(String relative) {
        List<Path> c = new ArrayList<>();
        String home = System.getProperty("djflink.home");
        if (home != null) {
            c.add(Path.of(home).toAbsolutePath().normalize().resolve(relative));
        }
        String env = System.getenv("DJFLINK_HOME");
        if (env != null && !env.isEmpty()) {
            c.add(Path.of(env).toAbsolutePath().normalize().resolve(relative));
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve(relative);
            if (!c.contains(candidate)) {
                c.add(candidate);
            }
        }
        return c;
    }
}
