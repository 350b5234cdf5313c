package io.djflink.recipe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Resolves {@code dataset_path} to input files. The value holds whitespace-separated paths, each
 * optionally preceded by a weight (Data-Juicer parses weights but does not apply them without
 * {@code max_sample_num}; neither does djflink). Each path is a JSON-lines file or a directory
 * searched recursively. Relative paths resolve against the working directory, as in Data-Juicer,
 * and then against the recipe's directory.
 */
public final class DatasetFiles {

    /** Suffixes read as JSON lines. */
    public static final List<String> SUFFIXES = List.of(".jsonl", ".jsonl.gz", ".json", ".json.gz");

    private DatasetFiles() {}

    /** The input files in a stable order (sorted by path within each directory). */
    public static List<Path> resolve(Recipe recipe) {
        String spec = recipe.datasetPath().trim();
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("dataset_path is missing: name a .jsonl/.jsonl.gz file or a directory of them");
        }
        List<String> suffixes = recipe.suffixes().isEmpty() ? SUFFIXES : normalise(recipe.suffixes());
        List<Path> files = new ArrayList<>();
        for (String token : spec.split("\\s+")) {
            if (isWeight(token)) {
                continue;
            }
            Path p = locate(token, recipe.directory());
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> matches(f, suffixes))
                            .sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot list dataset directory " + p + ": " + e.getMessage());
                }
            } else if (Files.isRegularFile(p)) {
                if (!matches(p, SUFFIXES)) {
                    throw new IllegalArgumentException("dataset file " + p + " is not JSON lines; readable suffixes: " + String.join(", ", SUFFIXES));
                }
                files.add(p);
            } else {
                throw new IllegalArgumentException("dataset_path '" + token + "' does not exist (looked at " + p + ")");
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("dataset_path '" + spec + "' holds no input file ending in " + String.join(", ", suffixes));
        }
        return files;
    }

    /**
     * The directory of each path in {@code dataset_path}, in order: the path itself when it is a
     * directory, its parent when it is a file. Data-Juicer resolves the relative media paths of a
     * sample ({@code images}, {@code audios}, {@code videos}) against this directory (its
     * {@code dataset_dir}), not against the directory of the file a sample was read from, when
     * it reads the samples.
     */
    public static List<Path> datasetDirs(Recipe recipe) {
        List<Path> dirs = new ArrayList<>();
        for (String token : recipe.datasetPath().trim().split("\\s+")) {
            if (token.isEmpty() || isWeight(token)) {
                continue;
            }
            Path p = locate(token, recipe.directory());
            Path dir = Files.isDirectory(p) ? p : p.getParent();
            if (dir != null) {
                dirs.add(dir);
            }
        }
        return dirs;
    }

    private static Path locate(String token, Path recipeDir) {
        Path p = Path.of(token);
        if (p.isAbsolute() || Files.exists(p) || recipeDir == null) {
            return p.toAbsolutePath().normalize();
        }
        Path beside = recipeDir.resolve(p).normalize();
        return Files.exists(beside) ? beside : p.toAbsolutePath().normalize();
    }

    private static boolean isWeight(String token) {
        try {
            Double.parseDouble(token);
            return !Files.exists(Path.of(token));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<String> normalise(List<String> suffixes) {
        List<String> out = new ArrayList<>();
        for (String s : suffixes) {
            out.add(s.startsWith(".") ? s : "." + s);
        }
        return out;
    }

    private static boolean matches(Path f, List<String> suffixes) {
        String name = f.getFileName().toString();
        return suffixes.stream().anyMatch(name::endsWith);
    }

    /** The file suffix Data-Juicer records in {@code __dj__suffix__} ('.jsonl' for 'a.jsonl.gz'). */
    public static String suffixOf(Path f) {
        String name = f.getFileName().toString();
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }
}
