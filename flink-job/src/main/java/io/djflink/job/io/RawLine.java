package io.djflink.job.io;

/**
 * One line of an input file, undecoded: the bytes as read, where they came from, and how far into
 * the (possibly compressed) file the reader is after it, for progress. A Flink POJO.
 */
public class RawLine {

    /** Index of the file in the job's input list. */
    public int source;
    /** 1-based line number in the file. */
    public long line;
    /** The line's bytes without the line terminator; may be cut short, see {@link #length}. */
    public byte[] bytes;
    /** The full length of the line in bytes (larger than {@code bytes.length} when cut). */
    public long length;
    /** Bytes of the line's split consumed after this line (compressed bytes for .gz). */
    public long fileOffset;
    /** Where the line's split starts in the file: 0 unless the file is read in chunks. */
    public long splitStart;
    /** The file's path when the job's file list is not fixed (a monitored directory), else null. */
    public String file;
    /** The file's modification time for a monitored directory (its lines' default event time). */
    public long time = Long.MIN_VALUE;

    public RawLine() {}

    public RawLine(int source, long line, byte[] bytes, long length, long fileOffset) {
        this.source = source;
        this.line = line;
        this.bytes = bytes;
        this.length = length;
        this.fileOffset = fileOffset;
    }

    /** Whether the line was longer than the reader's limit and only its head was kept. */
    public boolean truncated() {
        return length > bytes.length;
    }
}
