package io.djflink.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFilesTest {

    @TempDir
    Path dir;

    private Path touch(String rel) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "{\"text\":\"a\"}\n");
        return p;
    }

    private static Recipe recipe(String datasetPath) {
        return RecipeLoader.parse("r.yaml", "dataset_path: '" + datasetPath + "'\n");
    }

    @Test
    void aSingleFileResolvesToItself() throws IOException {
        Path f = touch("a.jsonl");

        assertThat(DatasetFiles.resolve(recipe(f.toString()))).containsExactly(f);
    }

    @Test
    void aDirectoryIsSearchedRecursivelyAndSorted() throws IOException {
        Path b = touch("d/b.jsonl");
        Path a = touch("d/a.jsonl.gz");
        Path nested = touch("d/sub/c.json");
        touch("d/readme.txt");

        assertThat(DatasetFiles.resolve(recipe(dir.resolve("d").toString()))).containsExactly(a, b, nested);
    }

    @Test
    void weightsAreIgnoredAndPathsKeepTheirOrder() throws IOException {
        Path x = touch("x.jsonl");
        Path y = touch("y.jsonl");

        assertThat(DatasetFiles.resolve(recipe("0.5 " + y + " 2 " + x))).containsExactly(y, x);
    }

    @Test
    void theDatasetDirectoryOfAFileIsItsParentAndOfADirectoryItself() throws IOException {
        Path f = touch("x/a.jsonl");
        touch("d/sub/b.jsonl");

        assertThat(DatasetFiles.datasetDirs(recipe("1.0 " + f + " " + dir.resolve("d"))))
                .containsExactly(dir.resolve("x"), dir.resolve("d"));
    }

    @Test
    void aMissingPathIsAnErrorNamingIt() {
        String missing = dir.resolve("nope.jsonl").toString();

        assertThatThrownBy(() -> DatasetFiles.resolve(recipe(missing)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dataset_path '" + missing + "' does not exist");
    }

    @Test
    void aMissingDatasetPathIsAnError() {
        assertThatThrownBy(() -> DatasetFiles.resolve(RecipeLoader.parse("r.yaml", "np: 1\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dataset_path is missing");
    }

    @Test
    void aFileThatIsNotJsonLinesIsAnError() throws IOException {
        Path csv = touch("data.csv");

        assertThatThrownBy(() -> DatasetFiles.resolve(recipe(csv.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not JSON lines")
                .hasMessageContaining(".jsonl");
    }

    @Test
    void aDirectoryWithoutInputFilesIsAnError() throws IOException {
        touch("empty/readme.md");

        assertThatThrownBy(() -> DatasetFiles.resolve(recipe(dir.resolve("empty").toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds no input file");
    }

    @Test
    void suffixesRestrictTheFilesReadFromADirectory() throws IOException {
        touch("d/a.jsonl");
        Path b = touch("d/b.json");
        Recipe r = RecipeLoader.parse("r.yaml", "dataset_path: '" + dir.resolve("d") + "'\nsuffixes: [json]\n");

        assertThat(DatasetFiles.resolve(r)).containsExactly(b);
    }

    @Test
    void aRelativePathFallsBackToTheRecipeDirectory() throws IOException {
        Path data = touch("recipes/data/in.jsonl");
        Path recipeFile = dir.resolve("recipes/r.yaml");
        Files.writeString(recipeFile, "dataset_path: data/in.jsonl\n");

        assertThat(DatasetFiles.resolve(RecipeLoader.load(recipeFile))).containsExactly(data);
    }

    @Test
    void aRelativeDirectoryFallsBackToTheRecipeDirectory() throws IOException {
        Path data = touch("recipes/data/in.jsonl");
        Path recipeFile = dir.resolve("recipes/r.yaml");
        Files.writeString(recipeFile, "dataset_path: ./data\n");

        assertThat(DatasetFiles.resolve(RecipeLoader.load(recipeFile))).containsExactly(data);
    }

    @Test
    void suffixOfIgnoresGzip() {
        assertThat(DatasetFiles.suffixOf(Path.of("a.jsonl.gz"))).isEqualTo(".jsonl");
        assertThat(DatasetFiles.suffixOf(Path.of("a.json"))).isEqualTo(".json");
        assertThat(DatasetFiles.suffixOf(Path.of("README"))).isEmpty();
    }
}
