package io.djflink.job.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.ops.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainBenchTest {

    @Test
    void scaledCorpusRotatesTheLettersOfEachLaterPass(@TempDir Path dir) throws Exception {
        List<String> lines = List.of("{\"text\":\"Abc xyz, 42!\",\"id\":1}", "{\"text\":\"Zebra été\",\"id\":2}");
        Path out = dir.resolve("scaled.jsonl");
        ChainBench.writeScaled(lines, "text", 3, out);
        List<String> texts = Files.readAllLines(out).stream().map(l -> Sample.parse(l).text("text")).toList();
        assertThat(texts).containsExactly("Abc xyz, 42!", "Zebra été", "Bcd yza, 42!", "Afcsb éué", "Cde zab, 42!", "Bgdtc évé");
        assertThat(ChainBench.textBytes(Files.readAllLines(out), "text")).isEqualTo(3 * ChainBench.textBytes(lines, "text"));
    }

    @Test
    void aRotationOfTwentySixWouldRepeatTheFirstPass(@TempDir Path dir) {
        assertThatThrownBy(() -> ChainBench.writeScaled(List.of("{\"text\":\"a\"}"), "text", 27, dir.resolve("x.jsonl")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 26");
    }
}
