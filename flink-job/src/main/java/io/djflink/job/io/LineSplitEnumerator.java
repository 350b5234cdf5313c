package io.djflink.job.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.Path;

/**
 * The splits of a bounded run's input files (the job's resolved file list). A file is one split
 * unless the input has fewer large files than readers: then plain (not gzip) files are cut into
 * chunks that the readers share.
 *
 * <p>A cut falls right after a line break. One pass over the file here finds the cuts and counts
 * the lines before each, and the count travels in the split id ({@link #linesBefore}), so a
 * chunk's lines keep their numbers in the file: the ingestion order that decides which duplicate
 * is earlier, and the line numbers of the error output and the tracer, do not depend on how the
 * file was cut or how many readers there are. That pass reads every cut file once more, at
 * sequential speed, before the first split is handed out.
 */
public final class LineSplitEnumerator implements FileEnumerator {

    /** Chunks are at least this large when the size is chosen automatically. */
    static final long MIN_AUTO_CHUNK = 16L << 20;

    /** Chunks per reader when the size is chosen automatically, so that early finishers take more. */
    private static final int CHUNKS_PER_READER = 4;

    private static final char LINES_MARK = '@';

    private final long chunkBytes;
    private long nextId;

    private LineSplitEnumerator(long chunkBytes) {
        this.chunkBytes = chunkBytes;
    }

    /**
     * @param chunkBytes the chunk size, or 0 to choose it from the input: the larger of 16 MB and
     *     the plain files' total over four chunks per reader
     */
    public static FileEnumerator.Provider provider(long chunkBytes) {
        if (chunkBytes < 0) {
            throw new IllegalArgumentException("chunk size must be positive or 0 for automatic, got " + chunkBytes);
        }
        return () -> new LineSplitEnumerator(chunkBytes);
    }

    /** How many lines of the file come before the split: 0 for a whole file or a first chunk. */
    public static long linesBefore(FileSourceSplit split) {
        String id = split.splitId();
        int at = id.lastIndexOf(LINES_MARK);
        if (at < 0) {
            if (split.offset() != 0) {
                throw new IllegalStateException("split " + id + " of " + split.path() + " starts at byte " + split.offset()
                        + " without its line count; was it made by another enumerator?");
            }
            return 0;
        }
        return Long.parseLong(id.substring(at + 1));
    }

    @Override
    public Collection<FileSourceSplit> enumerateSplits(Path[] paths, int minDesiredSplits) throws IOException {
        List<FileStatus> files = new ArrayList<>();
        for (Path p : paths) {
            files.add(p.getFileSystem().getFileStatus(p));
        }
        long chunk = chunkBytes;
        if (chunk == 0) {
            long plain = 0;
            for (FileStatus f : files) {
                plain += JsonLinesFormat.isGzip(f.getPath()) ? 0 : f.getLen();
            }
            chunk = Math.max(MIN_AUTO_CHUNK, plain / ((long) Math.max(1, minDesiredSplits) * CHUNKS_PER_READER));
        }
        List<FileSourceSplit> splits = new ArrayList<>();
        for (FileStatus f : files) {
            if (JsonLinesFormat.isGzip(f.getPath()) || f.getLen() <= chunk + chunk / 2) {
                splits.add(new FileSourceSplit(String.valueOf(nextId++), f.getPath(), 0, f.getLen(),
                        f.getModificationTime(), f.getLen()));
            } else {
                cut(f, chunk, splits);
            }
        }
        return splits;
    }

    /** Chunks of about {@code chunk} bytes, each ending right after a line break (or at the end of the file). */
    private void cut(FileStatus f, long chunk, List<FileSourceSplit> splits) throws IOException {
        long len = f.getLen();
        byte[] buf = new byte[1 << 20];
        long start = 0;
        long linesAtStart = 0;
        long lines = 0;
        long pos = 0;
        long target = chunk;
        try (FSDataInputStream in = f.getPath().getFileSystem().open(f.getPath())) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                        long after = pos + i + 1;
                        // a last chunk under half the size joins the one before
                        if (after >= target && len - after >= chunk / 2) {
                            splits.add(split(f, start, after - start, linesAtStart));
                            start = after;
                            linesAtStart = lines;
                            target = after + chunk;
                        }
                    }
                }
                pos += n;
            }
        }
        if (pos != len) {
            throw new IOException(f.getPath() + " changed while it was being split: " + pos + " bytes read, " + len + " listed");
        }
        splits.add(split(f, start, len - start, linesAtStart));
    }

    private FileSourceSplit split(FileStatus f, long offset, long length, long linesBefore) {
        return new FileSourceSplit(nextId++ + String.valueOf(LINES_MARK) + linesBefore, f.getPath(), offset, length,
                f.getModificationTime(), f.getLen());
    }
}
