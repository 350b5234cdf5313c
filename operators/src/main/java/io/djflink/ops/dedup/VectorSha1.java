package io.djflink.ops.dedup;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SHA-1 of sixteen short messages at once, one per 32-bit lane of a 512-bit vector, keeping only
 * what MinHash reads: the first four digest bytes. A shingle is one or two SHA-1 blocks, and one
 * block through the CPU's SHA instructions ({@link java.security.MessageDigest}) is a chain of
 * dependent rounds; sixteen independent messages side by side fill the vector units instead. Used
 * only where {@link VectorMinHash} is (the JVM adds {@code jdk.incubator.vector} and the CPU has
 * 512-bit vectors). Not thread-safe: the message blocks are staged in reused arrays.
 */
final class VectorSha1 {

    /** Messages per call. */
    static final int LANES = 16;
    /** The longest message that fits one block with SHA-1's padding. */
    static final int ONE_BLOCK = 55;
    /** The longest message that fits two blocks. */
    static final int MAX_LENGTH = 119;

    private static final VectorSpecies<Integer> SPECIES = IntVector.SPECIES_512;
    private static final VarHandle BIG_ENDIAN = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    /** The buffer the queued messages lie in, their offsets and lengths, and how many fit one block. */
    private byte[] source;
    private int[] offs = new int[1024];
    private int[] lens = new int[1024];
    private int queued;
    private int oneBlock;
    /** The message schedule, word t of every lane at {@code [t * 16, t * 16 + 16)}. */
    private final int[] schedule = new int[80 * LANES];
    /** Every lane's padded message (up to two blocks), word t at {@code [t * 16, t * 16 + 16)}. */
    private final int[] words = new int[32 * LANES];
    /** The digest state of every lane, word i at {@code [i * 16, i * 16 + 16)}. */
    private final int[] state = new int[5 * LANES];
    /** The working variables a to e between steps of {@link #compress}, laid out as {@link #state}. */
    private final int[] work = new int[5 * LANES];

    /** Whether this CPU's preferred vectors hold sixteen 32-bit lanes. */
    static boolean worthwhile() {
        return IntVector.SPECIES_PREFERRED.length() >= LANES;
    }

    /**
     * Queues {@code buf[off, off+len)} for the next {@link #drain}, if it is at most {@link
     * #MAX_LENGTH} bytes long (else returns false and the caller hashes it). The messages of one
     * drain must all lie in the same buffer, which must not change until the drain.
     */
    boolean offer(byte[] buf, int off, int len) {
        if (len > MAX_LENGTH) {
            return false;
        }
        if (queued == 0) {
            source = buf;
        } else if (buf != source) {
            throw new IllegalStateException("the messages of one drain must lie in one buffer");
        }
        if (queued == offs.length) {
            offs = Arrays.copyOf(offs, queued * 2);
            lens = Arrays.copyOf(lens, queued * 2);
        }
        offs[queued] = off;
        lens[queued] = len;
        if (len <= ONE_BLOCK) {
            oneBlock++;
        }
        queued++;
        return true;
    }

    /** Empties the queue without hashing (after a failure between offers and the drain). */
    void clear() {
        queued = 0;
        oneBlock = 0;
        source = null;
    }

    /** The number of messages queued. */
    int queued() {
        return queued;
    }

    /**
     * Writes the hash of every queued message to {@code out} from {@code at} (in no particular
     * order) and empties the queue; {@code out} must have room for {@link #queued()} values.
     */
    void drain(int[] out, int at) {
        int n = queued;
        // one-block messages to the front, two-block ones to the back, each group in lanes of sixteen
        if (oneBlock < n) {
            int i = 0;
            int j = n - 1;
            while (true) {
                while (i < j && lens[i] <= ONE_BLOCK) {
                    i++;
                }
                while (i < j && lens[j] > ONE_BLOCK) {
                    j--;
                }
                if (i >= j) {
                    break;
                }
                int o = offs[i];
                int l = lens[i];
                offs[i] = offs[j];
                lens[i] = lens[j];
                offs[j] = o;
                lens[j] = l;
            }
        }
        for (int i = 0; i < oneBlock; i += LANES) {
            prefixes(source, offs, lens, i, Math.min(LANES, oneBlock - i), 1, out, at + i);
        }
        for (int i = oneBlock; i < n; i += LANES) {
            prefixes(source, offs, lens, i, Math.min(LANES, n - i), 2, out, at + i);
        }
        queued = 0;
        oneBlock = 0;
        source = null;
    }

    /**
     * Writes to {@code out[at + k]} the first four SHA-1 bytes, read little-endian, of message k:
     * {@code buf[offs[from + k], offs[from + k] + lens[from + k])}, for k below {@code n} (at most
     * sixteen). Every message must be at most {@code blocks * 64 - 9} bytes long ({@code blocks}
     * is 1 or 2); lanes past {@code n} are computed on empty messages and discarded.
     */
    void prefixes(byte[] buf, int[] offs, int[] lens, int from, int n, int blocks, int[] out, int at) {
        int[] m = words;
        int last = blocks * 16 - 1;
        for (int k = 0; k < LANES; k++) {
            int off = k < n ? offs[from + k] : 0;
            int len = k < n ? lens[from + k] : 0;
            // the padded message as big-endian words, straight from the buffer: the message's
            // whole words, the word with its last bytes and the 0x80 marker, zeros, its bit length
            int full = len >>> 2;
            int t = 0;
            for (; t < full; t++) {
                m[t * LANES + k] = (int) BIG_ENDIAN.get(buf, off + 4 * t);
            }
            int rem = len & 3;
            int word = 0x80 << (24 - 8 * rem);
            for (int i = 0; i < rem; i++) {
                word |= (buf[off + 4 * full + i] & 0xFF) << (24 - 8 * i);
            }
            m[t++ * LANES + k] = word;
            for (; t < last; t++) {
                m[t * LANES + k] = 0;
            }
            m[last * LANES + k] = len << 3;
        }
        for (int block = 0; block < blocks; block++) {
            System.arraycopy(m, block * 16 * LANES, schedule, 0, 16 * LANES);
            compress(block == 0);
        }
        int[] s = state;
        for (int k = 0; k < n; k++) {
            out[at + k] = Integer.reverseBytes(s[k]);
        }
    }

    /**
     * One block of every lane (its words in the first sixteen rows of {@link #schedule}), from
     * the initial or the kept state. In steps small enough for the compiler to inline every vector
     * operation (one method of eighty rounds is not, and then each operation allocates), the
     * working variables passing between steps through {@link #work}.
     */
    private void compress(boolean initial) {
        expand();
        int[] s = state;
        if (initial) {
            Arrays.fill(s, 0, LANES, 0x67452301);
            Arrays.fill(s, LANES, 2 * LANES, 0xEFCDAB89);
            Arrays.fill(s, 2 * LANES, 3 * LANES, 0x98BADCFE);
            Arrays.fill(s, 3 * LANES, 4 * LANES, 0x10325476);
            Arrays.fill(s, 4 * LANES, 5 * LANES, 0xC3D2E1F0);
        }
        System.arraycopy(s, 0, work, 0, 5 * LANES);
        choose();
        parity(20, 0x6ED9EBA1);
        majority();
        parity(60, 0xCA62C1D6);
        for (int i = 0; i < 5 * LANES; i += LANES) {
            IntVector.fromArray(SPECIES, s, i).add(IntVector.fromArray(SPECIES, work, i)).intoArray(s, i);
        }
    }

    /** Words 16 to 79 of the message schedule. */
    private void expand() {
        int[] w = schedule;
        for (int t = 16; t < 80; t++) {
            IntVector x = IntVector.fromArray(SPECIES, w, (t - 3) * LANES)
                    .lanewise(VectorOperators.XOR, IntVector.fromArray(SPECIES, w, (t - 8) * LANES))
                    .lanewise(VectorOperators.XOR, IntVector.fromArray(SPECIES, w, (t - 14) * LANES))
                    .lanewise(VectorOperators.XOR, IntVector.fromArray(SPECIES, w, (t - 16) * LANES));
            x.lanewise(VectorOperators.ROL, 1).intoArray(w, t * LANES);
        }
    }

    /** Rounds 0 to 19: f = (b & c) | (~b & d). */
    private void choose() {
        int[] v = work;
        int[] w = schedule;
        IntVector a = IntVector.fromArray(SPECIES, v, 0);
        IntVector b = IntVector.fromArray(SPECIES, v, LANES);
        IntVector c = IntVector.fromArray(SPECIES, v, 2 * LANES);
        IntVector d = IntVector.fromArray(SPECIES, v, 3 * LANES);
        IntVector e = IntVector.fromArray(SPECIES, v, 4 * LANES);
        for (int t = 0; t < 20; t++) {
            IntVector f = d.lanewise(VectorOperators.XOR, b.and(c.lanewise(VectorOperators.XOR, d)));
            IntVector temp = a.lanewise(VectorOperators.ROL, 5).add(f).add(e).add(0x5A827999).add(IntVector.fromArray(SPECIES, w, t * LANES));
            e = d;
            d = c;
            c = b.lanewise(VectorOperators.ROL, 30);
            b = a;
            a = temp;
        }
        a.intoArray(v, 0);
        b.intoArray(v, LANES);
        c.intoArray(v, 2 * LANES);
        d.intoArray(v, 3 * LANES);
        e.intoArray(v, 4 * LANES);
    }

    /** Twenty rounds from {@code from} with f = b ^ c ^ d (rounds 20-39 and 60-79). */
    private void parity(int from, int kk) {
        IntVector k = IntVector.broadcast(SPECIES, kk);
        int[] v = work;
        int[] w = schedule;
        IntVector a = IntVector.fromArray(SPECIES, v, 0);
        IntVector b = IntVector.fromArray(SPECIES, v, LANES);
        IntVector c = IntVector.fromArray(SPECIES, v, 2 * LANES);
        IntVector d = IntVector.fromArray(SPECIES, v, 3 * LANES);
        IntVector e = IntVector.fromArray(SPECIES, v, 4 * LANES);
        for (int t = from; t < from + 20; t++) {
            IntVector f = b.lanewise(VectorOperators.XOR, c).lanewise(VectorOperators.XOR, d);
            IntVector temp = a.lanewise(VectorOperators.ROL, 5).add(f).add(e).add(k).add(IntVector.fromArray(SPECIES, w, t * LANES));
            e = d;
            d = c;
            c = b.lanewise(VectorOperators.ROL, 30);
            b = a;
            a = temp;
        }
        a.intoArray(v, 0);
        b.intoArray(v, LANES);
        c.intoArray(v, 2 * LANES);
        d.intoArray(v, 3 * LANES);
        e.intoArray(v, 4 * LANES);
    }

    /** Rounds 40 to 59: f = (b & c) | (b & d) | (c & d). */
    private void majority() {
        int[] v = work;
        int[] w = schedule;
        IntVector a = IntVector.fromArray(SPECIES, v, 0);
        IntVector b = IntVector.fromArray(SPECIES, v, LANES);
        IntVector c = IntVector.fromArray(SPECIES, v, 2 * LANES);
        IntVector d = IntVector.fromArray(SPECIES, v, 3 * LANES);
        IntVector e = IntVector.fromArray(SPECIES, v, 4 * LANES);
        for (int t = 40; t < 60; t++) {
            IntVector f = b.and(c).or(d.and(b.or(c)));
            IntVector temp = a.lanewise(VectorOperators.ROL, 5).add(f).add(e).add(0x8F1BBCDC).add(IntVector.fromArray(SPECIES, w, t * LANES));
            e = d;
            d = c;
            c = b.lanewise(VectorOperators.ROL, 30);
            b = a;
            a = temp;
        }
        a.intoArray(v, 0);
        b.intoArray(v, LANES);
        c.intoArray(v, 2 * LANES);
        d.intoArray(v, 3 * LANES);
        e.intoArray(v, 4 * LANES);
    }
}
