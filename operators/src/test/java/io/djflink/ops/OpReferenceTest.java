package io.djflink.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OpReferenceTest {

    @Test
    void docsOpsMdMatchesTheRegistry() throws Exception {
        Path doc = Path.of("..", "docs", "ops.md");
        String expected = OpReference.markdown(OpRegistry.get());
        assertThat(Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "")
                .as("docs/ops.md is stale: regenerate it with `bin/djflink ops --markdown > docs/ops.md`")
                .isEqualTo(expected);
    }
}
