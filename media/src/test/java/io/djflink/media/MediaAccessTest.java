package io.djflink.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaAccessTest {

    @TempDir
    Path dir;

    /** An in-memory "mem://" file system that counts what it is asked. */
    static final class MemorySource implements MediaSource {
        final Map<String, byte[]> files = new HashMap<>();
        final List<String> opened = new ArrayList<>();

        @Override
        public int priority() {
            return 5;
        }

        @Override
        public boolean accepts(String location) {
            return "mem".equals(MediaSources.scheme(location));
        }

        @Override
        public long size(String location) throws IOException {
            return bytes(location).length;
        }

        @Override
        public InputStream open(String location) throws IOException {
            opened.add(location);
            return new ByteArrayInputStream(bytes(location));
        }

        private byte[] bytes(String location) throws FileNotFoundException {
            byte[] b = files.get(location);
            if (b == null) {
                throw new FileNotFoundException(location);
            }
            return b;
        }
    }

    final MemorySource mem = new MemorySource();
    final MediaSources sources = MediaSources.of(List.of(mem, new LocalMediaSource()));

    MediaAccess access(long maxBytes) {
        return new MediaAccess(new MediaLimits(maxBytes, 60), sources);
    }

    @Test
    void opsOfOneSampleReadAndDecodeAFileOnceAndTheNextSampleReadsAgain() throws Exception {
        mem.files.put("mem://a.png", TestMedia.encode(TestMedia.picture(30, 20, 1), "png"));
        SampleContext ctx = new SampleContext();
        MediaAccess shapeOp = access(1 << 20);
        MediaAccess hashOp = access(1 << 20);

        DecodedImage first = shapeOp.image(ctx, "mem://a.png");
        DecodedImage again = hashOp.image(ctx, "mem://a.png");
        assertThat(hashOp.size(ctx, "mem://a.png")).isEqualTo(mem.files.get("mem://a.png").length);
        assertThat(again).isSameAs(first);
        assertThat(mem.opened).containsExactly("mem://a.png");

        ctx.clear();
        shapeOp.image(ctx, "mem://a.png");
        assertThat(mem.opened).hasSize(2);
    }

    @Test
    void theLimitOfEachOpHoldsForWhatAnotherOpCached() throws Exception {
        mem.files.put("mem://big.png", TestMedia.encode(TestMedia.picture(64, 64, 2), "png"));
        SampleContext ctx = new SampleContext();
        access(1 << 20).bytes(ctx, "mem://big.png");

        assertThatThrownBy(() -> access(100).image(ctx, "mem://big.png"))
                .isInstanceOf(MediaException.class).hasMessageContaining("more than max_media_bytes (100)");
    }

    @Test
    void sizeDoesNotReadTheFile() throws Exception {
        mem.files.put("mem://s.bin", new byte[1234]);
        assertThat(access(10).size(new SampleContext(), "mem://s.bin")).isEqualTo(1234);
        assertThat(mem.opened).isEmpty();
    }

    @Test
    void aRemoteFileReachesFileReadersAsATemporaryCopyThatIsDeletedAfterwards() throws Exception {
        mem.files.put("mem://clip.wav", new byte[] {1, 2, 3, 4});
        Path[] seen = new Path[1];
        byte[] read = access(100).withLocalFile("mem://clip.wav", f -> {
            seen[0] = f;
            return Files.readAllBytes(f);
        });
        assertThat(read).containsExactly(1, 2, 3, 4);
        assertThat(seen[0].getFileName().toString()).endsWith(".wav");
        assertThat(seen[0]).doesNotExist();
    }

    @Test
    void aLocalFileReachesFileReadersAsItself() throws Exception {
        Path f = Files.write(dir.resolve("x.bin"), new byte[] {7});
        Path direct = access(100).withLocalFile(f.toString(), p -> p);
        Path viaUri = access(100).withLocalFile(f.toUri().toString(), p -> p);
        assertThat(direct).isEqualTo(f);
        assertThat(viaUri).isEqualTo(f);
        assertThatThrownBy(() -> access(0).withLocalFile(f.toString(), p -> p))
                .hasMessageContaining("more than max_media_bytes (0)");
    }

    @Test
    void aSchemeNoSourceServesIsAClearError() {
        assertThatThrownBy(() -> access(100).bytes(new SampleContext(), "s3://bucket/a.png"))
                .isInstanceOf(MediaException.class)
                .hasMessageStartingWith("s3://bucket/a.png: no file system serves the scheme 's3' here");
    }

    @Test
    void schemesAreUriSchemesNotDriveLettersOrColonsInNames() {
        assertThat(MediaSources.scheme("s3://b/k")).isEqualTo("s3");
        assertThat(MediaSources.scheme("HDFS://nn/x")).isEqualTo("hdfs");
        assertThat(MediaSources.scheme("file:/tmp/x.png")).isEqualTo("file");
        assertThat(MediaSources.scheme("/tmp/x.png")).isNull();
        assertThat(MediaSources.scheme("C:/x.png")).isNull();
        assertThat(MediaSources.scheme("shot:1.png")).isNull();
    }

    @Test
    void locationsAreTheListedPathsInOrder() {
        assertThat(MediaAccess.locations(Sample.parse("{\"images\":[\"b.png\",\"a.png\",\"b.png\"]}"), "images"))
                .containsExactly("b.png", "a.png", "b.png");
        assertThat(MediaAccess.locations(Sample.parse("{\"meta\":{\"imgs\":[\"a.png\"]}}"), "meta.imgs"))
                .containsExactly("a.png");
        assertThat(MediaAccess.locations(Sample.parse("{}"), "images")).isEmpty();
        assertThatThrownBy(() -> MediaAccess.locations(Sample.parse("{\"images\":\"a.png\"}"), "images"))
                .hasMessage("field 'images' is string, not a list of paths");
        assertThatThrownBy(() -> MediaAccess.locations(Sample.parse("{\"images\":[1]}"), "images"))
                .hasMessage("field 'images' holds 1, not a path");
    }
}
