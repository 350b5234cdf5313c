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
    void passesAfterTheTwentySixRotationsUseAnotherMultiplier(@TempDir Path dir) throws Exception {
        List<String> lines = List.of("{\"text\":\"abc nz\"}");
        Path out = dir.resolve("scaled.jsonl");
        ChainBench.writeScaled(lines, "text", 28, out);
        List<String> texts = Files.readAllLines(out).stream().map(l -> Sample.parse(l).text("text")).toList();
        // pass 26: x -> 3x, pass 27: x -> 3x + 1; a and n are the letters two maps of one offset share
        assertThat(texts.subList(26, 28)).containsExactly("adg nx", "beh oy");
        assertThat(texts).doesNotHaveDuplicates();
    }

    @Test
    void moreThanTheDistinctLetterMapsAreRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> ChainBench.writeScaled(List.of("{\"text\":\"a\"}"), "text", ChainBench.MAX_PASSES + 1,
                dir.resolve("x.jsonl")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 312");
    }
}
