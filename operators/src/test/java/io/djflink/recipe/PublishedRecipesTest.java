package io.djflink.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Data-Juicer's published recipes must load: shape and global keys. Their ops are checked elsewhere. */
class PublishedRecipesTest {

    static Path recipesDir() {
        return Path.of(System.getProperty("djflink.shared"), "dj", "recipes");
    }

    static List<Path> recipes() throws IOException {
        try (Stream<Path> s = Files.list(recipesDir())) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void thePublishedRecipesArePresent() throws IOException {
        assertThat(recipes()).hasSizeGreaterThanOrEqualTo(14);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recipes")
    void publishedRecipeLoads(Path file) {
        Recipe r = RecipeLoader.load(file);

        assertThat(r.process()).isNotEmpty();
        assertThat(r.projectName()).isNotBlank();
        assertThat(r.textKeys()).isNotEmpty();
        assertThat(r.directory()).isEqualTo(file.toAbsolutePath().getParent());
        for (OpConfig op : r.process()) {
            assertThat(op.name()).matches("[a-z0-9_]+");
            assertThat(op.line()).isPositive();
        }
        for (String key : r.globals().keySet()) {
            assertThat(RecipeLoader.knownKeys()).contains(key);
            assertThat(r.lineOf(key)).isPositive();
        }
    }
}
