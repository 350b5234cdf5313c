package io.djflink.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.djflink.ops.Sample;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Data-Juicer's {@code rel2abs}, done where samples are read: a relative path in a sample's media
 * lists becomes absolute against the dataset directory of the file the sample came from, and the
 * sample keeps the absolute path (Data-Juicer's outputs list absolute paths too). Absolute paths
 * and URIs ({@code s3://...}, {@code file:...}) stay as they are; a sample read from Kafka has no
 * dataset directory and keeps its paths, which then resolve against the working directory.
 *
 * <p>The dataset directory of a file is that of the first {@code dataset_path} entry holding it:
 * the entry itself for a directory (also for files in its subdirectories, as in Data-Juicer), the
 * entry's parent for a file. Data-Juicer converts only when {@code dataset_path} is a single path;
 * djflink does it for each entry.
 */
public final class MediaPaths implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<String> keys;
    private final List<String> datasetDirs;

    /**
     * @param keys the media fields ({@code image_key}, {@code audio_key}, {@code video_key})
     * @param datasetDirs the dataset directories, absolute
     */
    public MediaPaths(List<String> keys, List<Path> datasetDirs) {
        this.keys = List.copyOf(keys);
        List<String> dirs = new ArrayList<>();
        for (Path d : datasetDirs) {
            dirs.add(d.toAbsolutePath().normalize().toString());
        }
        this.datasetDirs = List.copyOf(dirs);
    }

    /** The dataset directory of a file (an absolute local path), or null when no entry holds it. */
    public String datasetDirOf(String file) {
        Path f = Path.of(file).toAbsolutePath().normalize();
        for (String d : datasetDirs) {
            if (f.startsWith(d)) {
                return d;
            }
        }
        return null;
    }

    /** Makes the sample's relative media paths absolute against {@code dir} (in place). */
    public void absolutize(Sample sample, String dir) {
        for (String key : keys) {
            JsonNode list = sample.get(key);
            if (list == null || !list.isArray()) {
                continue;
            }
            ArrayNode a = (ArrayNode) list;
            for (int i = 0; i < a.size(); i++) {
                JsonNode e = a.get(i);
                if (e.isTextual() && !isAbsolute(e.textValue())) {
                    // os.path.join: no normalisation, one separator
                    a.set(i, TextNode.valueOf(dir.endsWith("/") ? dir + e.textValue() : dir + "/" + e.textValue()));
                }
            }
        }
    }

    /** An absolute local path or a URI. */
    public static boolean isAbsolute(String location) {
        return location.startsWith("/") || MediaSources.scheme(location) != null;
    }
}
