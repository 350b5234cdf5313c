package io.djflink.ops.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.djflink.media.AudioInfo;
import io.djflink.media.MediaException;
import io.djflink.media.TestMedia;
import io.djflink.ops.Filter;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioDurationFilterTest {

    @TempDir
    static Path dir;

    static Path wav3;    // 3.0 s, 16 kHz PCM
    static Path wav7;    // 7.25 s
    static Path m4a;     // 2.0 s of AAC in MP4, its index at the end
    static Path faststart; // the same with its index first
    static Path ogg;     // 4.0 s of Opus in Ogg
    static Path adts;    // 2.5 s of raw AAC: no stated duration, counted by decoding

    @BeforeAll
    static void audio() throws Exception {
        wav3 = TestMedia.write(dir.resolve("a3.wav"), TestMedia.wav(3.0, 16_000, 0));
        wav7 = TestMedia.write(dir.resolve("a7.wav"), TestMedia.wav(7.25, 16_000, 0));
        m4a = TestMedia.encodedAudio(dir.resolve("a2.m4a"), "m4a", 2.0);
        faststart = TestMedia.encodedAudio(dir.resolve("a2-faststart.m4a"), "m4a-faststart", 2.0);
        ogg = TestMedia.encodedAudio(dir.resolve("a4.ogg"), "ogg", 4.0);
        adts = TestMedia.encodedAudio(dir.resolve("a25.aac"), "adts", 2.5);
    }

    @Test
    void wavDurationsAreExactFromTheHeader() throws Exception {
        AudioInfo info = AudioInfo.probe("a3.wav", wav3);
        assertThat(info.seconds()).isEqualTo(3.0);
        assertThat(info.sampleRate()).isEqualTo(16_000);
        assertThat(info.channels()).isEqualTo(1);
        assertThat(info.decoded()).isFalse();
        assertThat(AudioInfo.probe("a7.wav", wav7).seconds()).isEqualTo(7.25);
    }

    @Test
    void compressedContainersStateTheirDurationWithinAnEncodersDelay() throws Exception {
        AudioInfo aac = AudioInfo.probe("a2.m4a", m4a);
        assertThat(aac.decoded()).isFalse();
        assertThat(aac.seconds()).isCloseTo(2.0, within(0.05));
        AudioInfo opus = AudioInfo.probe("a4.ogg", ogg);
        assertThat(opus.decoded()).isFalse();
        assertThat(opus.seconds()).isCloseTo(4.0, within(0.05));
    }

    @Test
    void aStreamWithoutAStatedDurationIsDecodedAndItsSamplesCounted() throws Exception {
        AudioInfo info = AudioInfo.probe("a25.aac", adts);
        assertThat(info.decoded()).isTrue();
        assertThat(info.seconds()).isCloseTo(2.5, within(0.05));
    }

    @Test
    void statsListDurationsAndTheRangeIsInclusive() throws Exception {
        Sample s = sample(wav3.toString(), wav7.toString());
        Filter f = filter(Map.of("min_duration", 3, "max_duration", 7));
        f.computeStats(s, new SampleContext());
        assertThat(s.stats().get("audio_duration").toString()).isEqualTo("[3.0,7.25]");
        assertThat(f.keep(s)).isTrue();
        assertThat(keeps(Map.of("min_duration", 3, "max_duration", 7, "any_or_all", "all"), wav3, wav7)).isFalse();
        assertThat(keeps(Map.of("min_duration", 4), wav3)).isFalse();
    }

    @Test
    void aSampleWithoutAudioIsKept() throws Exception {
        Sample s = Sample.parse("{\"text\":\"t\"}");
        Filter f = filter(Map.of("min_duration", 100));
        f.computeStats(s, new SampleContext());
        assertThat(s.stats().get("audio_duration").toString()).isEqualTo("[]");
        assertThat(f.keep(s)).isTrue();
    }

    @Test
    void badAudioFailsNamingThePathAndTheReason() throws Exception {
        Path missing = dir.resolve("gone.wav");
        Path empty = Files.write(dir.resolve("empty.wav"), new byte[0]);
        Path text = Files.writeString(dir.resolve("notes.wav"), "these are not samples\n");
        byte[] mp4 = Files.readAllBytes(faststart);
        Path cut = Files.write(dir.resolve("cut.m4a"), Arrays.copyOf(mp4, mp4.length * 2 / 3));
        byte[] mp4End = Files.readAllBytes(m4a);
        Path cutIndex = Files.write(dir.resolve("cut-index.m4a"), Arrays.copyOf(mp4End, mp4End.length * 2 / 3));
        Path picture = TestMedia.png(dir.resolve("pic.wav"), 16, 16);

        assertThat(failure(missing)).isEqualTo(missing + ": no such file");
        assertThat(failure(empty)).isEqualTo(empty + ": the file is empty (0 bytes)");
        assertThat(failure(text)).startsWith(text + ": not a readable audio file (");
        assertThat(failure(cut)).startsWith(cut + ": the audio is truncated: it ends before the 2.0");
        assertThat(failure(cutIndex)).startsWith(cutIndex + ": not a readable audio file (");
        assertThat(failure(picture)).isEqualTo(picture + ": the file has no audio stream");
    }

    @Test
    void aWavCutShortMeasuresWhatIsThereAsDataJuicerDoes() throws Exception {
        // libsndfile (Data-Juicer's reader) and FFmpeg both shorten the data chunk to the file
        byte[] full = Files.readAllBytes(wav7);
        Path cut = Files.write(dir.resolve("cut.wav"), Arrays.copyOf(full, 44 + 16_000 * 2 * 2));
        AudioInfo info = AudioInfo.probe("cut.wav", cut);
        assertThat(info.seconds()).isEqualTo(2.0);
        assertThat(info.decoded()).isTrue();
    }

    @Test
    void aFileOverMaxMediaBytesIsRefusedBeforeFfmpegOpensIt() {
        assertThatThrownBy(() -> filter(Map.of("max_media_bytes", 1000)).computeStats(sample(wav3.toString()), new SampleContext()))
                .isInstanceOf(MediaException.class)
                .hasMessage(wav3 + ": the file has " + (44 + 96_000) + " bytes, more than max_media_bytes (1000);"
                        + " raise max_media_bytes to read it");
    }

    private static String failure(Path audio) {
        try {
            filter(Map.of()).computeStats(sample(audio.toString()), new SampleContext());
        } catch (Exception e) {
            assertThat(e).isInstanceOf(MediaException.class);
            return e.getMessage();
        }
        throw new AssertionError(audio + " was accepted");
    }

    private static Sample sample(Object... audios) {
        return TestMedia.sample("audios", audios);
    }

    private static Filter filter(Map<String, Object> args) {
        return (Filter) new AudioDurationFilter.Factory().create(args);
    }

    private static boolean keeps(Map<String, Object> args, Path... audios) throws Exception {
        Filter f = filter(args);
        Sample s = sample((Object[]) audios);
        f.computeStats(s, new SampleContext());
        return f.keep(s);
    }
}
