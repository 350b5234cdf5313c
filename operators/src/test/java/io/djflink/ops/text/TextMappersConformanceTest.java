package io.djflink.ops.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.conformance.ConformanceRunner;
import io.djflink.ops.OpRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Data-Juicer conformance case of the regex/character-table text mappers passes. */
class TextMappersConformanceTest {

    private static final List<String> OPS = List.of(
            "clean_email_mapper",
            "clean_links_mapper",
            "clean_ip_mapper",
            "clean_copyright_mapper",
            "punctuation_normalization_mapper",
            "remove_specific_chars_mapper");

    static Stream<Path> cases() throws IOException {
        Path dir = Path.of(System.getProperty("djflink.shared"), "dj", "conformance");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> OPS.stream().anyMatch(op -> p.getFileName().toString().startsWith(op + "__")))
                    .sorted()
                    .toList();
        }
        // 2 email + 12 links + 3 ip + 1 copyright + 1 punctuation + 1 specific chars.
        assertThat(files).hasSize(20);
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void casePasses(Path file) {
        ConformanceRunner.CaseResult r = new ConformanceRunner(OpRegistry.get()).runFile(file);
        assertThat(r.status()).as(r.name() + ": " + r.detail()).isEqualTo(ConformanceRunner.Status.PASSED);
    }
}
