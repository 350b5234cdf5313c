package io.djflink.ops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ARPA reading and KenLM's back-off scoring on models small enough to score by hand. */
class ArpaModelTest {

    @TempDir
    Path dir;

    /** A bigram model: "<s> a" and "a </s>" are the only bigrams. */
    private static final String BIGRAM = String.join("\n",
            "a comment before the data section",
            "\\data\\",
            "ngram 1=4",
            "ngram 2=2",
            "",
            "\\1-grams:",
            "-1.0\t<unk>\t0",
            "-99\t<s>\t-0.5",
            "-0.5\t</s>",
            "-0.7\ta\t-0.2",
            "",
            "\\2-grams:",
            "-0.3\t<s> a",
            "-0.4\ta </s>",
            "",
            "\\end\\",
            "");

    private Path write(String name, String arpa) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, arpa, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void seenBigramsScoreTheirOwnProbability() throws Exception {
        ArpaModel lm = ArpaModel.load(write("m.arpa", BIGRAM));
        // p(a|<s>) = -0.3, p(</s>|a) = -0.4
        assertThat(lm.score("a")).isEqualTo(-0.3f + -0.4f);
    }

    @Test
    void unseenBigramsBackOffThroughTheContextsWeight() throws Exception {
        ArpaModel lm = ArpaModel.load(write("m.arpa", BIGRAM));
        // p(a|<s>) = -0.3; p(a|a) = bo(a) + p(a) = -0.2 + -0.7; p(</s>|a) = -0.4
        assertThat(lm.score("a  a\t")).isEqualTo(-0.3f + (-0.2f + -0.7f) + -0.4f);
        // the empty sentence: p(</s>|<s>) = bo(<s>) + p(</s>)
        assertThat(lm.score("")).isEqualTo(-0.5f + -0.5f);
    }

    @Test
    void unknownWordsAreUnkAndLeaveNoContext() throws Exception {
        ArpaModel lm = ArpaModel.load(write("m.arpa", BIGRAM));
        // p(<unk>|<s>) = bo(<s>) + p(<unk>); p(</s>|<unk>) = bo(<unk>) + p(</s>)
        assertThat(lm.score("zebra")).isEqualTo((-0.5f + -1.0f) + (0f + -0.5f));
        assertThat(lm.index("zebra")).isEqualTo(lm.index("<unk>"));
    }

    @Test
    void onlyAsciiWhitespaceSeparatesWords() throws Exception {
        ArpaModel lm = ArpaModel.load(write("m.arpa", BIGRAM));
        // U+00A0 is no separator for KenLM: "a\u00a0a" is one unknown word
        assertThat(lm.score("a\u00a0a")).isEqualTo(lm.score("zebra"));
    }

    @Test
    void aMissingUnkGetsKenlmsLogProbabilityOfMinusHundred() throws Exception {
        ArpaModel lm = ArpaModel.load(write("m.arpa", BIGRAM.replace("ngram 1=4", "ngram 1=3").replace("-1.0\t<unk>\t0\n", "")));
        assertThat(lm.score("zebra")).isEqualTo((-0.5f + ArpaModel.MISSING_UNK_LOG10) + -0.5f);
    }

    @Test
    void trigramsUseTheLongestMatchAndOnlyLongerContextsBackOff() throws Exception {
        String arpa = String.join("\n",
                "\\data\\", "ngram 1=5", "ngram 2=3", "ngram 3=1", "",
                "\\1-grams:",
                "-2.0 <unk> 0", "-99 <s> -0.1", "-1.0 </s> 0", "-0.6 x -0.3", "-0.8 y -0.25", "",
                "\\2-grams:",
                "-0.2 <s> x -0.05", "-0.3 x y -0.15", "-0.35 y x", "",
                "\\3-grams:",
                "-0.1 <s> x y", "",
                "\\end\\", "");
        ArpaModel lm = ArpaModel.load(write("t.arpa", arpa));
        // x|<s>: bigram -0.2 (no trigram context longer than 1 word yet)
        // y|<s> x: trigram -0.1
        // x|x y: no trigram "x y x", bigram "y x" -0.35, plus bo("x y") -0.15
        // </s>|y x: no "y x </s>", no "x </s>", unigram -1.0 + bo(x) -0.3; context "y x" has no
        //   back-off (0) -- 0 is added after -0.3
        float want = -0.2f + -0.1f + (-0.35f + -0.15f) + (-1.0f + -0.3f + 0f);
        assertThat(lm.score("x y x")).isEqualTo(want);
        assertThat(lm.order()).isEqualTo(3);
    }

    @Test
    void gzipFilesAreRead() throws Exception {
        Path gz = dir.resolve("m.arpa.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(BIGRAM.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(ArpaModel.load(gz).score("a")).isEqualTo(-0.3f + -0.4f);
    }

    @Test
    void kenlmBinaryModelsAreRefusedWithAMessage() throws Exception {
        Path bin = write("en.arpa.bin", "mmap lm http://kheafield.com/code format version 5\0\0\0");
        assertThatThrownBy(() -> ArpaModel.load(bin)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KenLM binary").hasMessageContaining("ARPA");
    }

    @Test
    void malformedFilesAreRefusedNamingTheLine() throws Exception {
        assertThatThrownBy(() -> ArpaModel.load(write("x.arpa", "hello\n"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\\data\\");
        assertThatThrownBy(() -> ArpaModel.load(write("y.arpa", BIGRAM.replace("-0.4\ta </s>", "-0.4\ta b"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y.arpa:14:")
                .hasMessageContaining("'b'");
        assertThatThrownBy(() -> ArpaModel.load(write("z.arpa", BIGRAM.replace("ngram 2=2", "ngram 2=3"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fewer 2-grams");
        assertThatThrownBy(() -> ArpaModel.load(write("s.arpa", BIGRAM.replace("-99\t<s>", "-99\t<S>"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<s>");
    }
}
