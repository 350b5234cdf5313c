package io.djflink.job.cli;

import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeLoader;
import io.djflink.recipe.RuntimeSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The recipe argument and the flags that override its global keys. */
final class RecipeOptions {

    @Parameters(index = "0", paramLabel = "RECIPE.yaml", description = "a Data-Juicer recipe")
    Path recipe;

    @Option(names = "--np", description = "parallelism (overrides np)")
    Integer np;

    @Option(names = "--dataset-path", description = "input file or directory (overrides dataset_path)")
    String datasetPath;

    @Option(names = "--export-path", description = "result file (overrides export_path)")
    String exportPath;

    @Option(names = "--work-dir", description = "trace, errors and state (overrides work_dir)")
    String workDir;

    @Option(names = "--mode", description = "batch or streaming (overrides djflink.mode)")
    String mode;

    @Option(names = "--source", description = "files, files-continuous or kafka (overrides djflink.source)")
    String source;

    @Option(names = "--sink", description = "files or kafka (overrides djflink.sink)")
    String sink;

    @Option(names = "-D", paramLabel = "KEY=VALUE",
            description = "sets a djflink: key (-D kafka.bootstrap-servers=localhost:9092, -D kafka.properties.acks=all); "
                    + "any other key is a Flink setting for the run's own cluster, e.g. a metric reporter (docs/metrics.md); repeatable")
    java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();

    /** The -D keys that are not djflink: keys: Flink settings for a cluster the run starts itself. */
    java.util.Map<String, String> flinkSettings() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        settings.forEach((k, v) -> {
            if (!RuntimeSettings.isKey(unprefixed(k))) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static String unprefixed(String k) {
        return k.startsWith(RuntimeSettings.SECTION + ".") ? k.substring(RuntimeSettings.SECTION.length() + 1) : k;
    }

    Recipe load() {
        Recipe r = RecipeLoader.load(recipe);
        if (np != null) {
            if (np < 1) {
                throw new IllegalArgumentException("--np must be at least 1");
            }
            r = r.with("np", (long) np);
        }
        if (datasetPath != null) {
            r = r.with("dataset_path", datasetPath);
        }
        if (exportPath != null) {
            r = r.with("export_path", exportPath);
        }
        if (workDir != null) {
            r = r.with("work_dir", workDir);
        }
        java.util.Map<String, String> set = new java.util.LinkedHashMap<>();
        settings.forEach((k, v) -> {
            if (RuntimeSettings.isKey(unprefixed(k))) {
                set.put(k, v);
            }
        });
        if (mode != null) {
            set.put("mode", mode);
        }
        if (source != null) {
            set.put("source", source);
        }
        if (sink != null) {
            set.put("sink", sink);
        }
        if (!set.isEmpty()) {
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> section = r.globals().get(RuntimeSettings.SECTION) instanceof java.util.Map<?, ?> m
                    ? new java.util.LinkedHashMap<>((java.util.Map<String, Object>) m) : new java.util.LinkedHashMap<>();
            set.forEach((k, v) -> section.put(k.startsWith(RuntimeSettings.SECTION + ".") ? k.substring(RuntimeSettings.SECTION.length() + 1) : k, v));
            r = r.with(RuntimeSettings.SECTION, section);
        }
        return r;
    }
}
