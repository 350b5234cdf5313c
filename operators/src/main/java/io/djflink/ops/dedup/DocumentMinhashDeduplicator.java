package io.djflink.ops.dedup;

import io.djflink.ops.BandKey;
import io.djflink.ops.BaseOp;
import io.djflink.ops.ModelFile;
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
import java.io.IOException;
import java.nio.file.Path;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * MinHash-LSH near-dedup as Data-Juicer's standalone op computes it: the set of shingles, a
 * 32-bit hash per shingle (the first four SHA-1 bytes, little-endian), {@code num_permutations}
 * universal-hash permutations {@code ((h * a + b) mod 2^64) mod (2^61 - 1)} truncated to 32 bits
 * with (a, b) drawn from numpy's {@code RandomState(42)}, the minimum per permutation. Band k
 * of {@code rows} values is a candidate key; samples sharing any band are duplicates.
 *
 * <p>The signature holds the {@code num_permutations} values as unsigned 32-bit numbers. A text
 * without a shingle (fewer tokens than the window) has no signature: Data-Juicer raises there
 * and, with {@code skip_op_error}, drops the sample.
 */
public final class DocumentMinhashDeduplicator extends BaseOp implements NearDeduplicator {

    /** 2^61 - 1, the modulus of the permutations. */
    static final long MERSENNE_61 = (1L << 61) - 1;

    /**
     * Whether signatures use {@link VectorMinHash}: the JVM runs with {@code --add-modules
     * jdk.incubator.vector} (bin/djflink and the tests do), the CPU has 512-bit vectors, and
     * {@code -Ddjflink.minhash.vector=false} is not set. About four times faster on the
     * permutations, which are most of a signature's cost; the values are the same.
     */
    static final boolean VECTOR = vectorUsable();

    private final Shingler shingler;
    private final boolean xxh64;
    private final int numPerm;
    private final int bands;
    private final int rows;
    private final long[] permA;
    private final long[] permB;
    private final MessageDigest sha1;
    private final byte[] digest = new byte[20];
    private final IntSet distinct = new IntSet();
    /** SHA-1 sixteen shingles at a time, where the CPU has the vectors for it; else null. */
    private final VectorSha1 sha1Lanes;
    private final Shingler.Sink sink;
    private int[] hashes = new int[1024];
    private int count;

    DocumentMinhashDeduplicator(Params p) {
        super(p);
        String tokenization = p.string("tokenization");
        if (tokenization.equals("sentencepiece")) {
            if (p.isNull("tokenizer_model")) {
                throw new ParamException("tokenizer_model",
                        "op " + p.op() + " with tokenization: sentencepiece needs tokenizer_model: the path of a "
                                + "sentencepiece model (djflink never fetches models)");
            }
            Path model = ModelFile.require(p, "tokenizer_model", "sentencepiece model");
            this.shingler = new Shingler(Shingler.Mode.SENTENCEPIECE, (int) p.integer("window_size"),
                    p.bool("lowercase"), p.string("ignore_pattern"), model);
        } else {
            this.shingler = new Shingler(Shingler.mode(p.op(), tokenization), (int) p.integer("window_size"),
                    p.bool("lowercase"), p.string("ignore_pattern"));
        }
        this.xxh64 = p.string("hash_func").equals("xxh64");
        // read by the engine; checked here so that validation reports a bad value
        DedupTtl.of(p);
        this.sha1Lanes = !xxh64 && VECTOR && VectorSha1.worthwhile() ? new VectorSha1() : null;
        this.sink = xxh64 ? this::addXxh64 : sha1Lanes != null ? this::queueSha1 : this::addSha1;
        this.numPerm = (int) p.integer("num_permutations");
        if (p.isNull("num_bands") || p.isNull("num_rows_per_band")) {
            int[] br = BandOptimizer.optimal(p.number("jaccard_threshold"), numPerm);
            this.bands = br[0];
            this.rows = br[1];
        } else {
            this.bands = (int) p.integer("num_bands");
            this.rows = (int) p.integer("num_rows_per_band");
            if ((long) bands * rows > numPerm) {
                throw new ParamException("num_bands",
                        "op " + p.op() + ": num_bands * num_rows_per_band (" + bands + " * " + rows
                                + ") exceeds num_permutations (" + numPerm + ")");
            }
        }
        long[][] ab = permutations(numPerm);
        this.permA = ab[0];
        this.permB = ab[1];
        try {
            this.sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java runtime", e);
        }
    }

    @Override
    public void open() throws IOException {
        shingler.open();
    }

    private static boolean vectorUsable() {
        if (!Boolean.parseBoolean(System.getProperty("djflink.minhash.vector", "true"))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            return VectorMinHash.worthwhile();
        } catch (LinkageError e) {
            return false;
        }
    }

    /** The (a, b) pairs: {@code RandomState(42)} draws a then b for each permutation in turn. */
    static long[][] permutations(int n) {
        NumpyRandomState rs = new NumpyRandomState(42);
        long[] a = new long[n];
        long[] b = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = rs.randintUint64(1, MERSENNE_61);
            b[i] = rs.randintUint64(0, MERSENNE_61);
        }
        return new long[][] {a, b};
    }

    public int bands() {
        return bands;
    }

    public int rows() {
        return rows;
    }

    @Override
    public long[] signature(Sample sample, SampleContext ctx) throws Exception {
        String text = sample.text(textKey);
        if (text == null) {
            throw new IllegalArgumentException("sample has no text field '" + textKey + "'");
        }
        count = 0;
        if (sha1Lanes != null) {
            sha1Lanes.clear();
        }
        shingler.shingles(text, sink);
        if (sha1Lanes != null) {
            int queued = sha1Lanes.queued();
            if (count + queued > hashes.length) {
                hashes = Arrays.copyOf(hashes, Math.max(hashes.length * 2, count + queued));
            }
            sha1Lanes.drain(hashes, count);
            count += queued;
        }
        if (count == 0) {
            throw new IllegalArgumentException(
                    "zero-size array to reduction operation minimum which has no identity: the text has fewer "
                            + "tokens than window_size, so it has no shingle (Data-Juicer drops such a sample)");
        }
        // a set of shingles in upstream; equal shingles give equal hashes, and a repeated hash
        // cannot change a minimum, so deduplicating the hashes is equivalent and cheaper
        int n = distinct.retainFirst(hashes, count);
        return minhash(hashes, n, permA, permB);
    }

    /**
     * The minimum over the hashes of each permutation, as unsigned 32-bit values: with 512-bit
     * vectors where the JVM offers them ({@link #VECTOR}), else one permutation at a time.
     */
    static long[] minhash(int[] hashes, int n, long[] permA, long[] permB) {
        return VECTOR ? VectorMinHash.minhash(hashes, n, permA, permB) : minhashScalar(hashes, n, permA, permB);
    }

    static long[] minhashScalar(int[] hashes, int n, long[] permA, long[] permB) {
        int np = permA.length;
        long[] min = new long[np];
        Arrays.fill(min, Long.MAX_VALUE);
        int i = 0;
        // four hashes per pass over the permutations: a, b and the running minimum are loaded
        // once for four products (measured 10-20 % faster than one hash per pass)
        for (; i + 4 <= n; i += 4) {
            long h0 = hashes[i] & 0xFFFFFFFFL;
            long h1 = hashes[i + 1] & 0xFFFFFFFFL;
            long h2 = hashes[i + 2] & 0xFFFFFFFFL;
            long h3 = hashes[i + 3] & 0xFFFFFFFFL;
            for (int j = 0; j < np; j++) {
                long a = permA[j];
                long b = permB[j];
                long m = min[j];
                m = Math.min(m, permute(h0 * a + b));
                m = Math.min(m, permute(h1 * a + b));
                m = Math.min(m, permute(h2 * a + b));
                m = Math.min(m, permute(h3 * a + b));
                min[j] = m;
            }
        }
        for (; i < n; i++) {
            long h = hashes[i] & 0xFFFFFFFFL;
            for (int j = 0; j < np; j++) {
                min[j] = Math.min(min[j], permute(h * permA[j] + permB[j]));
            }
        }
        return min;
    }

    /**
     * {@code (v mod (2^61 - 1)) & 0xFFFFFFFF} for the unsigned 64-bit {@code v = h * a + b}, which
     * numpy computes in uint64 (the product and the sum wrap at 2^64 before the modulo).
     */
    static long permute(long v) {
        // 2^61 = 1 (mod p): fold the top 3 bits onto the low 61; the fold is below p + 8, so one
        // conditional subtraction finishes the reduction. A plain branch measured faster than a
        // branch-free form (it is almost always predicted; C2 does not vectorize this either way)
        long r = (v & MERSENNE_61) + (v >>> 61);
        if (r >= MERSENNE_61) {
            r -= MERSENNE_61;
        }
        return r & 0xFFFFFFFFL;
    }

    private void addSha1(byte[] buf, int off, int len) throws DigestException {
        // MessageDigest: the JVM compiles SHA-1 to the CPU's SHA instructions where it has them,
        // several times faster than SHA-1 written in Java
        sha1.update(buf, off, len);
        sha1.digest(digest, 0, 20);
        add((digest[0] & 0xFF) | (digest[1] & 0xFF) << 8 | (digest[2] & 0xFF) << 16 | (digest[3] & 0xFF) << 24);
    }

    /** Shingles that fit two SHA-1 blocks wait for {@link VectorSha1}; longer ones are hashed now. */
    private void queueSha1(byte[] buf, int off, int len) throws DigestException {
        if (!sha1Lanes.offer(buf, off, len)) {
            addSha1(buf, off, len);
        }
    }

    private void addXxh64(byte[] buf, int off, int len) {
        add((int) XxHash64.hash(buf, off, len, 0));
    }

    private void add(int h) {
        if (count == hashes.length) {
            hashes = Arrays.copyOf(hashes, count * 2);
        }
        hashes[count++] = h;
    }

    /**
     * One key per band: the band index and the band's values hashed to 128 bits ({@link
     * BandKey#hash}). Upstream's exact key (the index, then the values as big-endian bytes) is
     * wider than 128 bits for more than three rows; a shared hash stands for a shared band but
     * for a collision, whose probability {@link BandKey#hash} gives (about 2^-60 at 10^9 documents).
     */
    @Override
    public BandKey[] candidateKeys(long[] signature) {
        BandKey[] keys = new BandKey[bands];
        for (int band = 0; band < bands; band++) {
            keys[band] = BandKey.hash(band, signature, band * rows, (band + 1) * rows);
        }
        return keys;
    }

    /** Upstream links any two samples that share a band bucket: true iff some band is equal. */
    @Override
    public boolean isDuplicate(long[] a, long[] b) {
        for (int band = 0; band < bands; band++) {
            int from = band * rows;
            if (Arrays.equals(a, from, from + rows, b, from, from + rows)) {
                return true;
            }
        }
        return false;
    }

    /** A shared band is Data-Juicer's edge, so engines need not compare signatures. */
    @Override
    public boolean candidatesAreDuplicates() {
        return true;
    }

    /** The share of equal permutation minima, the MinHash estimate of the Jaccard similarity. */
    @Override
    public double similarity(long[] a, long[] b) {
        int eq = 0;
        for (int i = 0; i < numPerm; i++) {
            if (a[i] == b[i]) {
                eq++;
            }
        }
        return (double) eq / numPerm;
    }

    /** Registers {@code document_minhash_deduplicator}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "document_minhash_deduplicator";
        }

        @Override
        public OpKind kind() {
            return OpKind.DEDUPLICATOR;
        }

        @Override
        public String doc() {
            return "drops near duplicates by MinHash-LSH over word (or character) shingles; the first sample of "
                    + "each group linked by shared bands survives; hash_func xxh64 (djflink extension) swaps the "
                    + "DJ-exact SHA-1 shingle hash for a faster one (different signatures, same statistics)";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("tokenization", ParamType.STRING, "space",
                            "how to split the text: space, punctuation, character or sentencepiece (needs tokenizer_model)")
                            .oneOf("space", "punctuation", "character", "sentencepiece"),
                    ParamSpec.of("window_size", ParamType.INT, 5L, "tokens per shingle").positive(),
                    ParamSpec.of("lowercase", ParamType.BOOL, true, "lower-case the text first"),
                    ParamSpec.of("ignore_pattern", ParamType.STRING, null,
                            "regular expression removed from the text before tokenizing"),
                    ParamSpec.of("num_permutations", ParamType.INT, 256L, "MinHash permutations").positive(),
                    ParamSpec.of("jaccard_threshold", ParamType.FLOAT, 0.7,
                            "Jaccard similarity the bands are tuned for").range(0.0, 1.0),
                    ParamSpec.of("num_bands", ParamType.INT, null,
                            "LSH bands (with num_rows_per_band; both None: chosen by the FP/FN optimizer)").positive(),
                    ParamSpec.of("num_rows_per_band", ParamType.INT, null, "MinHash values per band").positive(),
                    ParamSpec.of("tokenizer_model", ParamType.STRING, null,
                            "sentencepiece model file for tokenization: sentencepiece (never downloaded)"),
                    ParamSpec.of("hash_func", ParamType.STRING, "sha1",
                            "djflink extension: shingle hash, sha1 (Data-Juicer's) or xxh64 (faster, low 32 bits of "
                                    + "xxHash64 of the UTF-8 shingle)")
                            .oneOf("sha1", "xxh64"),
                    DedupTtl.PARAM);
        }

        @Override
        public Op create(Params p) {
            return new DocumentMinhashDeduplicator(p);
        }
    }
}
