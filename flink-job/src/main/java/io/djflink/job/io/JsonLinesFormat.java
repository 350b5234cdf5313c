package io.djflink.job.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.IteratorResultIterator;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Reads JSON-lines files (optionally gzip) as raw byte lines, so that a line that is not valid
 * UTF-8 or not valid JSON can reach the error output exactly as it was. A split is a whole file
 * or, for plain files of a bounded run, a chunk cut at a line break by {@link LineSplitEnumerator},
 * whose lines keep their numbers in the file. The reader position is the number of lines emitted
 * from the split, so a restore re-reads the split and skips them (gzip offers no cheaper seek).
 *
 * <p>Blank lines are not records and are skipped. A line longer than {@code maxLineBytes} is
 * emitted with only its head (the parse step reports it as too long) and the rest is skipped,
 * so one hostile line cannot exhaust the heap.
 */
public final class JsonLinesFormat implements BulkFormat<RawLine, FileSourceSplit> {

    private static final int BATCH_LINES = 256;
    private static final int BATCH_BYTES = 4 << 20;

    private final List<String> files;
    private final long maxLineBytes;
    private final boolean discovered;

    /**
     * Files found while the job runs (a monitored directory): a file's source number is a hash of
     * its path, and every line carries the file's path and modification time.
     */
    public static JsonLinesFormat discovered(long maxLineBytes) {
        return new JsonLinesFormat(List.of(), maxLineBytes, true);
    }

    /**
     * @param files the job's input files (as Flink path strings), whose index identifies a source
     */
    public JsonLinesFormat(List<String> files, long maxLineBytes) {
        this(files, maxLineBytes, false);
    }

    private JsonLinesFormat(List<String> files, long maxLineBytes, boolean discovered) {
        this.discovered = discovered;
        this.files = new ArrayList<>();
        for (String f : files) {
            // Split paths come back as "file:/x" for "file:///x": compare paths only.
            this.files.add(new Path(f).toUri().getPath());
        }
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public Reader<RawLine> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return reader(split, 0);
    }

    private LineReader reader(FileSourceSplit split, long skip) throws IOException {
        LineReader r = new LineReader(split, sourceIndex(split), maxLineBytes, skip);
        if (discovered) {
            r.file = split.path().toString();
            r.time = split.fileModificationTime();
        }
        return r;
    }

    @Override
    public Reader<RawLine> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        long skip = split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
        return reader(split, skip);
    }

    private int sourceIndex(FileSourceSplit split) {
        if (discovered) {
            return sourceOf(split.path().toUri().getPath());
        }
        int i = files.indexOf(split.path().toUri().getPath());
        if (i < 0) {
            throw new IllegalStateException("split " + split.path() + " is not one of the job's input files");
        }
        return i;
    }

    /** The source number of a discovered file: a function of its path, the same after a restore. */
    public static int sourceOf(String path) {
        return Math.floorMod(path.hashCode(), 1 << 23);
    }

    /** Whether a file is read through gzip, by its name as Data-Juicer tells (.jsonl.gz). */
    static boolean isGzip(Path path) {
        return path.getName().endsWith(".gz");
    }

    /**
     * False, so that Flink's default enumerators, which cut at storage block boundaries in the
     * middle of lines, keep files whole; {@link LineSplitEnumerator} is set explicitly where
     * files may be cut.
     */
    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    @SuppressWarnings("unchecked")
    public TypeInformation<RawLine> getProducedType() {
        TypeInformation<RawLine> t = TypeExtractor.getForClass(RawLine.class);
        if (!(t instanceof PojoTypeInfo)) {
            throw new IllegalStateException("RawLine must be a Flink POJO, got " + t);
        }
        return t;
    }

    private static final class LineReader implements BulkFormat.Reader<RawLine> {

        private final FSDataInputStream raw;
        private final CountingStream counted;
        private final InputStream in;
        private final int source;
        private final long splitStart;
        private final long maxLineBytes;
        /** Bytes of the split not read yet into {@link #buf}. */
        private long remaining;
        private final byte[] buf = new byte[1 << 16];
        private int bufPos;
        private int bufLen;
        private long lineNo;
        private long emitted;
        private boolean eof;
        private byte[] line = new byte[1 << 12];
        private String file;
        private long time = Long.MIN_VALUE;

        LineReader(FileSourceSplit split, int source, long maxLineBytes, long skip) throws IOException {
            FileSystem fs = split.path().getFileSystem();
            this.raw = fs.open(split.path());
            boolean gzip = isGzip(split.path());
            if (split.offset() > 0) {
                if (gzip) {
                    throw new IOException("gzip file " + split.path() + " cannot be read from byte " + split.offset());
                }
                raw.seek(split.offset());
            }
            this.counted = new CountingStream(raw);
            this.in = gzip ? new GZIPInputStream(counted, 1 << 16) : counted;
            this.remaining = gzip ? Long.MAX_VALUE : split.length();
            this.splitStart = split.offset();
            this.lineNo = LineSplitEnumerator.linesBefore(split);
            this.source = source;
            this.maxLineBytes = maxLineBytes;
            while (emitted < skip && nextLine() != null) {
                // positions count emitted lines; re-reading them is how a gzip file is resumed
            }
        }

        @Override
        public BulkFormat.RecordIterator<RawLine> readBatch() throws IOException {
            long before = emitted;
            List<RawLine> batch = new ArrayList<>();
            long bytes = 0;
            RawLine l;
            while (batch.size() < BATCH_LINES && bytes < BATCH_BYTES && (l = nextLine()) != null) {
                batch.add(l);
                bytes += l.bytes.length;
            }
            if (batch.isEmpty()) {
                return null;
            }
            return new IteratorResultIterator<>(batch.iterator(), CheckpointedPosition.NO_OFFSET, before);
        }

        /** The next non-blank line, or null at end of file. */
        private RawLine nextLine() throws IOException {
            while (true) {
                int len = 0;
                long fullLen = 0;
                boolean any = false;
                while (true) {
                    if (bufPos == bufLen) {
                        if (eof || !fill()) {
                            break;
                        }
                    }
                    any = true;
                    int start = bufPos;
                    int nl = -1;
                    for (int i = bufPos; i < bufLen; i++) {
                        if (buf[i] == '\n') {
                            nl = i;
                            break;
                        }
                    }
                    int end = nl < 0 ? bufLen : nl;
                    int chunk = end - start;
                    fullLen += chunk;
                    int keep = (int) Math.max(0, Math.min(chunk, maxLineBytes - len));
                    if (keep > 0) {
                        ensure(len + keep);
                        System.arraycopy(buf, start, line, len, keep);
                        len += keep;
                    }
                    bufPos = nl < 0 ? bufLen : nl + 1;
                    if (nl >= 0) {
                        break;
                    }
                }
                if (!any) {
                    return null;
                }
                lineNo++;
                if (len > 0 && fullLen == len && line[len - 1] == '\r') {
                    len--;
                    fullLen--;
                }
                if (isBlank(line, len) && fullLen == len) {
                    continue;
                }
                emitted++;
                RawLine r = new RawLine(source, lineNo, Arrays.copyOf(line, len), fullLen, counted.count);
                r.splitStart = splitStart;
                r.file = file;
                r.time = time;
                return r;
            }
        }

        private static boolean isBlank(byte[] b, int len) {
            for (int i = 0; i < len; i++) {
                if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                    return false;
                }
            }
            return true;
        }

        private void ensure(int size) {
            if (size > line.length) {
                line = Arrays.copyOf(line, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(size, (long) line.length * 2)));
            }
        }

        private boolean fill() throws IOException {
            int n = remaining <= 0 ? -1 : in.read(buf, 0, (int) Math.min(buf.length, remaining));
            if (n <= 0) {
                eof = true;
                return false;
            }
            remaining -= n;
            bufPos = 0;
            bufLen = n;
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
            raw.close();
        }
    }

    /** Counts bytes read from the file itself, before decompression. */
    private static final class CountingStream extends InputStream {
        private final InputStream in;
        long count;

        CountingStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
