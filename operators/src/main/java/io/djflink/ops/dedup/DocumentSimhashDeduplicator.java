package io.djflink.ops.dedup;

import io.djflink.ops.BandKey;
import io.djflink.ops.BaseOp;
import io.djflink.ops.NearDeduplicator;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamException;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * SimHash near-dedup as Data-Juicer computes it with simhash-pybind: every shingle (a list,
 * so repeated shingles weigh more) is hashed to 64 bits (the first eight MD5 bytes, big-endian);
 * per bit position a count goes up for a 1 and down for a 0; the SimHash has the bits whose count
 * is positive. Two samples are duplicates when their SimHashes differ in at most
 * {@code hamming_distance} bits.
 *
 * <p>Candidate keys follow simhash's {@code find_all}: the 64 bits are cut into
 * {@code num_blocks} blocks (block i covers bits {@code [i*64/n, (i+1)*64/n)}), and each choice
 * of {@code num_blocks - hamming_distance} blocks gives one key (the choice and those blocks'
 * bits). Two hashes within the distance differ in at most that many blocks, so they agree on
 * every block of at least one choice: candidates contain every duplicate pair.
 *
 * <p>A text without a shingle gets SimHash 0, as upstream (no error).
 */
public final class DocumentSimhashDeduplicator extends BaseOp implements NearDeduplicator {

    private final Shingler shingler;
    private final int hammingDistance;
    /** One mask per choice of blocks, in the order simhash enumerates the choices. */
    private final long[] choiceMasks;
    private final MessageDigest md5;
    private final byte[] digest = new byte[16];
    private final int[] counts = new int[64];
    private final Shingler.Sink sink = this::add;

    DocumentSimhashDeduplicator(Params p) {
        super(p);
        this.shingler = new Shingler(Shingler.mode(p.op(), p.string("tokenization")), (int) p.integer("window_size"),
                p.bool("lowercase"), p.string("ignore_pattern"));
        int blocks = (int) p.integer("num_blocks");
        this.hammingDistance = (int) p.integer("hamming_distance");
        // read by the engine; checked here so that validation reports a bad value
        DedupTtl.of(p);
        if (blocks > 64) {
            throw new ParamException("num_blocks", "op " + p.op() + ": num_blocks must not exceed 64, got " + blocks);
        }
        if (blocks <= hammingDistance) {
            throw new ParamException("num_blocks", "op " + p.op() + ": num_blocks (" + blocks
                    + ") must be greater than hamming_distance (" + hammingDistance + ")");
        }
        this.choiceMasks = choiceMasks(blocks, blocks - hammingDistance);
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every Java runtime", e);
        }
    }

    /** The union of the chosen blocks' masks for every k-combination of the blocks, lexicographic. */
    static long[] choiceMasks(int blocks, int k) {
        long[] block = new long[blocks];
        for (int i = 0; i < blocks; i++) {
            int start = i * 64 / blocks;
            int end = (i + 1) * 64 / blocks;
            long m = 0;
            for (int j = start; j < end; j++) {
                m |= 1L << j;
            }
            block[i] = m;
        }
        List<Long> out = new ArrayList<>();
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) {
            idx[i] = i;
        }
        while (true) {
            long m = 0;
            for (int i : idx) {
                m |= block[i];
            }
            out.add(m);
            int i = k - 1;
            while (i >= 0 && idx[i] == i + blocks - k) {
                i--;
            }
            if (i < 0) {
                break;
            }
            idx[i]++;
            for (int j = i + 1; j < k; j++) {
                idx[j] = idx[j - 1] + 1;
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public long[] signature(Sample sample, SampleContext ctx) throws Exception {
        String text = sample.text(textKey);
        if (text == null) {
            throw new IllegalArgumentException("sample has no text field '" + textKey + "'");
        }
        java.util.Arrays.fill(counts, 0);
        shingler.shingles(text, sink);
        long h = 0;
        for (int i = 0; i < 64; i++) {
            if (counts[i] > 0) {
                h |= 1L << i;
            }
        }
        return new long[] {h};
    }

    private void add(byte[] buf, int off, int len) throws DigestException {
        md5.update(buf, off, len);
        md5.digest(digest, 0, 16);
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (digest[i] & 0xFF);
        }
        int[] c = counts;
        for (int i = 0; i < 64; i++) {
            // +1 for a set bit, -1 for a clear one, without a branch
            c[i] += (int) (((h >>> i) & 1) << 1) - 1;
        }
    }

    /**
     * One key per block choice, exact: the choice index and the hash with the other blocks masked
     * out (64 bits at most, so every key fits in 128 bits and shared keys are never collisions).
     */
    @Override
    public BandKey[] candidateKeys(long[] signature) {
        long h = signature[0];
        BandKey[] keys = new BandKey[choiceMasks.length];
        for (int c = 0; c < choiceMasks.length; c++) {
            keys[c] = new BandKey(c, h & choiceMasks[c]);
        }
        return keys;
    }

    @Override
    public boolean isDuplicate(long[] a, long[] b) {
        return Long.bitCount(a[0] ^ b[0]) <= hammingDistance;
    }

    /** 1 - (differing bits / 64). */
    @Override
    public double similarity(long[] a, long[] b) {
        return 1.0 - Long.bitCount(a[0] ^ b[0]) / 64.0;
    }

    /** Registers {@code document_simhash_deduplicator}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "document_simhash_deduplicator";
        }

        @Override
        public OpKind kind() {
            return OpKind.DEDUPLICATOR;
        }

        @Override
        public String doc() {
            return "drops near duplicates by 64-bit SimHash of the shingles: samples within hamming_distance bits "
                    + "are linked, the first sample of each linked group survives";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("tokenization", ParamType.STRING, "space",
                            "how to split the text: space, punctuation or character"),
                    ParamSpec.of("window_size", ParamType.INT, 6L, "tokens per shingle").positive(),
                    ParamSpec.of("lowercase", ParamType.BOOL, true, "lower-case the text first"),
                    ParamSpec.of("ignore_pattern", ParamType.STRING, null,
                            "regular expression removed from the text before tokenizing"),
                    ParamSpec.of("num_blocks", ParamType.INT, 6L, "blocks the 64 bits are cut into for candidate search")
                            .positive(),
                    ParamSpec.of("hamming_distance", ParamType.INT, 4L,
                            "most differing bits for two samples to be duplicates").positive(),
                    DedupTtl.PARAM);
        }

        @Override
        public Op create(Params p) {
            return new DocumentSimhashDeduplicator(p);
        }
    }
}
