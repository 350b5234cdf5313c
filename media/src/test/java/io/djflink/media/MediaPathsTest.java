package io.djflink.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.ops.Sample;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MediaPathsTest {

    final MediaPaths paths = new MediaPaths(List.of("images", "audios", "videos"),
            List.of(Path.of("/data/set-a"), Path.of("/data/b")));

    @Test
    void relativePathsJoinTheDatasetDirectoryAsOsPathJoinDoes() {
        Sample s = Sample.parse("{\"images\":[\"x.png\",\"../up/y.png\",\"/abs/z.png\",\"s3://bucket/k.png\",\"file:/f.png\"],"
                + "\"audios\":[\"a.wav\"],\"text\":\"x.png\"}");

        paths.absolutize(s, "/data/set-a");

        assertThat(s.toJson()).isEqualTo("{\"images\":[\"/data/set-a/x.png\",\"/data/set-a/../up/y.png\",\"/abs/z.png\","
                + "\"s3://bucket/k.png\",\"file:/f.png\"],\"audios\":[\"/data/set-a/a.wav\"],\"text\":\"x.png\"}");
    }

    @Test
    void aFileBelongsToTheFirstDatasetEntryHoldingItEvenInASubdirectory() {
        assertThat(paths.datasetDirOf("/data/set-a/part/1.jsonl")).isEqualTo("/data/set-a");
        assertThat(paths.datasetDirOf("/data/b/in.jsonl")).isEqualTo("/data/b");
        assertThat(paths.datasetDirOf("/data/set-ab/in.jsonl")).isNull();
    }

    @Test
    void fieldsThatAreNotListsOfPathsAreLeftForTheOpsToReport() {
        Sample s = Sample.parse("{\"images\":\"x.png\",\"videos\":[3,\"v.mp4\"]}");
        paths.absolutize(s, "/d");
        assertThat(s.toJson()).isEqualTo("{\"images\":\"x.png\",\"videos\":[3,\"/d/v.mp4\"]}");
    }
}
