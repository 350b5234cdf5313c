package io.djflink.job.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;

/**
 * Writes JSON lines into Flink's FileSink part files, gzip-compressed when asked. Each part is a
 * complete gzip member, so parts concatenate into one valid .gz file. With {@code bucketed},
 * elements are {@code <bucket>\t<json>} and only the JSON is written.
 */
public final class JsonLinesWriter implements BulkWriter<String> {

    private final OutputStream out;
    private final GZIPOutputStream gzip;
    private final boolean bucketed;

    private JsonLinesWriter(FSDataOutputStream stream, boolean gzip, boolean bucketed) throws IOException {
        this.gzip = gzip ? new GZIPOutputStream(stream, 1 << 16) : null;
        this.out = gzip ? this.gzip : stream;
        this.bucketed = bucketed;
    }

    @Override
    public void addElement(String element) throws IOException {
        String json = bucketed ? element.substring(element.indexOf('\t') + 1) : element;
        out.write(json.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void finish() throws IOException {
        if (gzip != null) {
            gzip.finish();
        }
        out.flush();
    }

    /** Creates writers for part files. */
    public static final class Factory implements BulkWriter.Factory<String> {
        private final boolean gzip;
        private final boolean bucketed;

        public Factory(boolean gzip, boolean bucketed) {
            this.gzip = gzip;
            this.bucketed = bucketed;
        }

        @Override
        public BulkWriter<String> create(FSDataOutputStream out) throws IOException {
            return new JsonLinesWriter(out, gzip, bucketed);
        }
    }
}
