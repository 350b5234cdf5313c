package io.djflink.media;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@link MediaSource}s of this class loader: those listed for {@link ServiceLoader} plus
 * {@link LocalMediaSource}, loaded once, immutable, shared by all ops of the JVM.
 */
public final class MediaSources {

    /** A URI scheme of two or more characters (a drive letter such as {@code C:} is a path). */
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]+):");

    private static volatile MediaSources loaded;

    private final List<MediaSource> sources;

    private MediaSources(List<MediaSource> sources) {
        List<MediaSource> sorted = new ArrayList<>(sources);
        sorted.sort(Comparator.comparingInt(MediaSource::priority).reversed());
        this.sources = List.copyOf(sorted);
    }

    /** The sources found on the class path, loaded on first use. */
    public static MediaSources get() {
        MediaSources s = loaded;
        if (s == null) {
            synchronized (MediaSources.class) {
                s = loaded;
                if (s == null) {
                    List<MediaSource> found = new ArrayList<>();
                    ServiceLoader.load(MediaSource.class, MediaSources.class.getClassLoader()).forEach(found::add);
                    found.add(new LocalMediaSource());
                    s = new MediaSources(found);
                    loaded = s;
                }
            }
        }
        return s;
    }

    /** Exactly these sources, highest priority first (tests). */
    public static MediaSources of(List<MediaSource> sources) {
        return new MediaSources(sources);
    }

    /**
     * The source serving a location.
     *
     * @throws MediaException when no source accepts it (a URI scheme no file system serves)
     */
    public MediaSource forLocation(String location) throws MediaException {
        for (MediaSource s : sources) {
            if (s.accepts(location)) {
                return s;
            }
        }
        throw new MediaException(location, "no file system serves the scheme '" + scheme(location) + "' here"
                + " (the Flink job reads every scheme its cluster has a file system plugin for; the local runner"
                + " reads local files only)");
    }

    /**
     * The URI scheme of a location, lower-cased, or null for a plain path. A scheme counts only
     * before {@code //} or as {@code file:}, so a relative file name with a colon stays a path.
     */
    public static String scheme(String location) {
        Matcher m = SCHEME.matcher(location);
        if (!m.find()) {
            return null;
        }
        String s = m.group(1).toLowerCase(java.util.Locale.ROOT);
        return s.equals("file") || location.startsWith("//", m.end()) ? s : null;
    }
}
