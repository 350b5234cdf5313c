package io.djflink.ops.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.ops.NearDeduplicator;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Single-thread signature throughput (MB of UTF-8 text per second) over the prose corpus, after
 * a warm-up pass: MinHash with SHA-1 (Data-Juicer-exact), MinHash with xxh64, SimHash. Prints
 * the figures; asserts only a floor far below them, so a slow shared machine does not fail it.
 */
class NearDedupThroughputTest {

    @Test
    void signaturesPerCore() throws Exception {
        List<Sample> docs = new ArrayList<>();
        long bytes = 0;
        for (JsonNode d : DjExpectedMinhashTest.readJsonLines(DjExpectedMinhashTest.data().resolve("prose.jsonl.gz"))) {
            String t = d.get("text").asText();
            docs.add(Sample.ofText("text", t));
            bytes += t.getBytes(StandardCharsets.UTF_8).length;
        }
        String[][] configs = {
            {"document_minhash_deduplicator", "sha1"},
            {"document_minhash_deduplicator", "xxh64"},
            {"document_simhash_deduplicator", null},
        };
        for (String[] c : configs) {
            Map<String, Object> args = c[1] == null ? Map.of() : Map.of("hash_func", c[1]);
            NearDeduplicator op = (NearDeduplicator) OpRegistry.get().factory(c[0]).create(args);
            run(op, docs.subList(0, docs.size() / 4));
            long t0 = System.nanoTime();
            long sink = run(op, docs);
            double secs = (System.nanoTime() - t0) / 1e9;
            double mbps = bytes / 1e6 / secs;
            System.out.printf(Locale.ROOT, "throughput %s%s: %.1f MB/s single thread (%.1f MB in %.2f s) [%d]%n",
                    c[0], c[1] == null ? "" : " hash_func=" + c[1], mbps, bytes / 1e6, secs, sink & 1);
            assertThat(mbps).isGreaterThan(0.5);
        }
    }

    private static long run(NearDeduplicator op, List<Sample> docs) {
        SampleContext ctx = new SampleContext();
        long acc = 0;
        for (Sample s : docs) {
            try {
                acc += op.signature(s, ctx)[0];
            } catch (Exception e) {
                acc++;
            }
        }
        return acc;
    }
}
