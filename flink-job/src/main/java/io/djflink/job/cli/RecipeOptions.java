package io.djflink.job.cli;

import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeLoader;
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
        return r;
    }
}
