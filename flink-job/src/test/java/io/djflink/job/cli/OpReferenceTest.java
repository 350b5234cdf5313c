package io.djflink.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.ops.OpFactory;
import io.djflink.ops.OpReference;
import io.djflink.ops.OpRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/ops.md lists what {@code djflink ops --markdown} prints: every op of the job's class path
 * (the operators and media modules), checked here because only this module sees them all. The
 * ops this module's tests register for themselves are left out.
 */
class OpReferenceTest {

    @Test
    void docsOpsMdMatchesTheRegistry() throws Exception {
        Path doc = Path.of("..", "docs", "ops.md");
        List<OpFactory> shipped = OpRegistry.get().all().stream()
                .filter(f -> !f.getClass().getProtectionDomain().getCodeSource().getLocation().getPath().contains("/test-classes/"))
                .toList();
        String expected = OpReference.markdown(OpRegistry.of(shipped));
        assertThat(Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "")
                .as("docs/ops.md is stale: regenerate it with `bin/djflink ops --markdown > docs/ops.md`")
                .isEqualTo(expected);
    }
}
