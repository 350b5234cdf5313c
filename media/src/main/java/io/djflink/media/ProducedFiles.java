package io.djflink.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where ops that write media (split clips, edited videos) put their files, as Data-Juicer's
 * {@code transfer_filename} decides:
 *
 * <ol>
 *   <li>the op's {@code save_dir} when set;
 *   <li>else {@code $DJ_PRODUCED_DATA_DIR/<op name>} when that environment variable is set;
 *   <li>else {@code <the source's directory>/__dj__produced_data__/<op name>} (a source already
 *       under a {@code __dj__produced_data__} directory shares its root).
 * </ol>
 *
 * <p>The file is named {@code <source name>__dj_hash_#<hash>#<ext>} (a source already carrying a
 * hash gets the new one instead), and ops add their own suffix ({@code _0}, {@code _001}) before
 * the extension. Data-Juicer hashes the op's parameters with the process id and the current time,
 * so every run writes new files; djflink hashes the op's parameters with the source's location,
 * so a replay after a failover overwrites the files of the first attempt instead of leaving
 * orphans, and two sources of the same name never collide in one {@code save_dir}.
 *
 * <p>Files are written to the local file system only: a remote source ({@code s3://...}) needs a
 * local {@code save_dir} or {@code DJ_PRODUCED_DATA_DIR}.
 */
public final class ProducedFiles {

    /** The directory Data-Juicer creates next to the source. */
    public static final String DIR = "__dj__produced_data__";
    /** The environment variable naming a directory for every op's output. */
    public static final String ENV = "DJ_PRODUCED_DATA_DIR";

    private final String op;
    private final String saveDir;
    private final String envDir;
    private final String paramsKey;

    /**
     * @param op the op's name
     * @param saveDir the op's {@code save_dir}, or null
     * @param params the op's parameters, hashed into the file names
     */
    public ProducedFiles(String op, String saveDir, Map<String, ?> params) {
        this(op, saveDir, System.getenv(ENV), params);
    }

    ProducedFiles(String op, String saveDir, String envDir, Map<String, ?> params) {
        this.op = op;
        this.saveDir = saveDir == null || saveDir.isEmpty() ? null : saveDir;
        this.envDir = envDir == null || envDir.isEmpty() ? null : envDir;
        this.paramsKey = new TreeMap<>(params).toString();
    }

    /**
     * The path for a file derived from {@code source}, its directory created; the caller adds its
     * own suffix with {@link #withSuffix}.
     *
     * @throws MediaException when the source is remote and no local directory is configured, or
     *     the directory cannot be created
     */
    public Path target(String source) throws MediaException {
        String scheme = MediaSources.scheme(source);
        Path local = scheme == null ? Path.of(source) : scheme.equals("file") ? Path.of(java.net.URI.create(source)) : null;
        Path dir;
        if (saveDir != null) {
            dir = Path.of(saveDir).toAbsolutePath();
        } else if (envDir != null) {
            dir = Path.of(envDir).toAbsolutePath().resolve(op);
        } else if (local == null) {
            throw new MediaException(source, op + " writes its files next to the source, which is not a local file;"
                    + " set the op's save_dir (or " + ENV + ") to a local directory");
        } else {
            String parent = local.toAbsolutePath().getParent().toString();
            int at = parent.indexOf("/" + DIR + "/");
            if (at >= 0) {
                parent = parent.substring(0, at);
            }
            dir = Path.of(parent, DIR, op);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new MediaException(source, "cannot create the output directory " + dir + ": " + e);
        }
        String name = local != null ? local.getFileName().toString() : source.substring(source.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        int hashed = base.indexOf("__dj_hash_#");
        if (hashed >= 0 && base.indexOf('#', hashed + "__dj_hash_#".length()) >= 0) {
            base = base.substring(0, hashed);
        }
        return dir.resolve(base + "__dj_hash_#" + hash(source) + "#" + ext);
    }

    /** {@code /d/a.mp4} with {@code _0} is {@code /d/a_0.mp4} (Data-Juicer's {@code add_suffix_to_filename}). */
    public static Path withSuffix(Path file, String suffix) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling(dot > 0 ? name.substring(0, dot) + suffix + name.substring(dot) : name + suffix);
    }

    private String hash(String source) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((op + '\u0000' + paramsKey + '\u0000' + source).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
