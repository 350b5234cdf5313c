package io.djflink.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.conformance.ConformanceRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Data-Juicer conformance case of the filter ops and remove_long_words_mapper passes. */
class FilterOpsConformanceTest {

    private static final List<String> OPS = List.of(
            "alphanumeric_filter", "average_line_length_filter", "maximum_line_length_filter",
            "character_repetition_filter", "word_repetition_filter", "special_characters_filter",
            "words_num_filter", "suffix_filter", "specified_field_filter",
            "specified_numeric_field_filter", "remove_long_words_mapper");

    static Stream<Path> cases() throws IOException {
        Path dir = Paths.get(System.getProperty("djflink.shared", "../../shared"), "dj", "conformance");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.endsWith(".json") && OPS.contains(n.substring(0, Math.max(0, n.indexOf("__"))));
                    })
                    .sorted()
                    .toList();
        }
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void casePasses(Path file) {
        ConformanceRunner.CaseResult r = new ConformanceRunner(OpRegistry.get()).runFile(file);
        assertThat(r.status()).as(r.name() + ": " + r.detail()).isEqualTo(ConformanceRunner.Status.PASSED);
    }

    @org.junit.jupiter.api.Test
    void everyOpHasCases() throws IOException {
        List<String> covered = cases().map(p -> p.getFileName().toString().replaceFirst("__.*", "")).distinct().toList();
        assertThat(covered).containsExactlyInAnyOrderElementsOf(OPS);
        assertThat(cases().count()).isEqualTo(22);
    }
}
