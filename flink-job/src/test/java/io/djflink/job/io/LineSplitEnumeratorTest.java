package io.djflink.job.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineSplitEnumeratorTest {

    @TempDir
    java.nio.file.Path tmp;

    /** Lines of random lengths (some far longer than a chunk), blank lines, CRLF and no final newline. */
    private java.nio.file.Path plainFile(String name, int lines, long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            int len = r.nextInt(10) == 0 ? 3000 + r.nextInt(5000) : r.nextInt(300);
            if (r.nextInt(20) == 0) {
                sb.append(r.nextBoolean() ? "\n" : "  \n");
                continue;
            }
            sb.append("{\"n\":").append(i).append(",\"text\":\"").append("é".repeat(len / 2)).append("\"}");
            sb.append(r.nextInt(7) == 0 ? "\r\n" : "\n");
        }
        sb.append("{\"n\":\"last, no newline\"}");
        java.nio.file.Path f = tmp.resolve(name);
        Files.writeString(f, sb, StandardCharsets.UTF_8);
        return f;
    }

    private static List<String> read(JsonLinesFormat format, FileSourceSplit split) throws IOException {
        try (BulkFormat.Reader<RawLine> reader = format.createReader(new Configuration(), split)) {
            return drain(reader);
        }
    }

    /** Every line the reader gives, as source:line:text. */
    private static List<String> drain(BulkFormat.Reader<RawLine> reader) throws IOException {
        List<String> out = new ArrayList<>();
        BulkFormat.RecordIterator<RawLine> batch;
        while ((batch = reader.readBatch()) != null) {
            RecordAndPosition<RawLine> rp;
            while ((rp = batch.next()) != null) {
                RawLine l = rp.getRecord();
                out.add(l.source + ":" + l.line + ":" + new String(l.bytes, StandardCharsets.UTF_8));
            }
            batch.releaseBatch();
        }
        return out;
    }

    private static Path flinkPath(java.nio.file.Path f) {
        return new Path(f.toUri());
    }

    @Test
    void chunksCoverTheFileAtLineBreaksAndTheirLinesKeepTheirNumbers() throws Exception {
        java.nio.file.Path f = plainFile("big.jsonl", 4000, 1);
        long size = Files.size(f);
        JsonLinesFormat format = new JsonLinesFormat(List.of(f.toUri().toString()), 1 << 20);
        FileSourceSplit whole = new FileSourceSplit("0", flinkPath(f), 0, size, 0, size);
        List<String> expected = read(format, whole);

        for (long chunk : new long[] {1, 4096, 100_000, size / 3}) {
            Collection<FileSourceSplit> splits = LineSplitEnumerator.provider(chunk).create()
                    .enumerateSplits(new Path[] {flinkPath(f)}, 2);
            assertThat(splits).as("chunk " + chunk).hasSizeGreaterThan(1);
            byte[] bytes = Files.readAllBytes(f);
            long next = 0;
            List<String> got = new ArrayList<>();
            for (FileSourceSplit s : splits) {
                assertThat(s.offset()).isEqualTo(next);
                assertThat(s.offset() == 0 || bytes[(int) s.offset() - 1] == '\n').as("cut after a line break").isTrue();
                next = s.offset() + s.length();
                got.addAll(read(format, s));
            }
            assertThat(next).isEqualTo(size);
            assertThat(got).as("chunk " + chunk).isEqualTo(expected);
        }
    }

    @Test
    void aRestoredChunkSkipsTheLinesItHadEmitted() throws Exception {
        java.nio.file.Path f = plainFile("restore.jsonl", 500, 2);
        JsonLinesFormat format = new JsonLinesFormat(List.of(f.toUri().toString()), 1 << 20);
        List<FileSourceSplit> splits = new ArrayList<>(LineSplitEnumerator.provider(20_000).create()
                .enumerateSplits(new Path[] {flinkPath(f)}, 2));
        FileSourceSplit second = splits.get(1);
        List<String> all = read(format, second);
        FileSourceSplit checkpointed = second.updateWithCheckpointedPosition(new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 7));
        try (BulkFormat.Reader<RawLine> reader = format.restoreReader(new Configuration(), checkpointed)) {
            assertThat(drain(reader)).isEqualTo(all.subList(7, all.size()));
        }
    }

    @Test
    void gzipAndSmallFilesStayWholeAndAutoChunksAreAtLeastSixteenMegabytes() throws Exception {
        java.nio.file.Path plain = plainFile("small.jsonl", 3000, 3);
        java.nio.file.Path gz = tmp.resolve("big.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(plain));
        }
        Collection<FileSourceSplit> fixed = LineSplitEnumerator.provider(1000).create()
                .enumerateSplits(new Path[] {flinkPath(gz)}, 4);
        assertThat(fixed).hasSize(1);
        assertThat(fixed.iterator().next().splitId()).doesNotContain("@");

        Collection<FileSourceSplit> auto = LineSplitEnumerator.provider(0).create()
                .enumerateSplits(new Path[] {flinkPath(plain), flinkPath(gz)}, 4);
        assertThat(auto).hasSize(2).allMatch(s -> s.offset() == 0 && s.length() == s.fileSize());
    }

    @Test
    void aChunkWithoutItsLineCountIsRefused() {
        FileSourceSplit foreign = new FileSourceSplit("3", new Path("/x.jsonl"), 100, 50, 0, 150);
        assertThatThrownBy(() -> LineSplitEnumerator.linesBefore(foreign))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("without its line count");
    }
}
