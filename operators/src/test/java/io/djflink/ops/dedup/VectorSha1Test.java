package io.djflink.ops.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorSha1Test {

    /** SHA-1's first four bytes read little-endian, as the op's MessageDigest path computes them. */
    private static int reference(byte[] buf, int off, int len) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-1").digest(Arrays.copyOfRange(buf, off, off + len));
        return (d[0] & 0xFF) | (d[1] & 0xFF) << 8 | (d[2] & 0xFF) << 16 | (d[3] & 0xFF) << 24;
    }

    @Test
    void everyLengthUpToTwoBlocksEqualsMessageDigest() throws Exception {
        // every length from empty to the longest two-block message, at odd offsets, in one drain
        // (one- and two-block groups, both with a partial last group of lanes)
        Random rnd = new Random(11);
        byte[] buf = new byte[20_000];
        rnd.nextBytes(buf);
        VectorSha1 sha = new VectorSha1();
        int n = VectorSha1.MAX_LENGTH + 1;
        int[] offs = new int[n];
        for (int len = 0; len < n; len++) {
            offs[len] = 3 + 131 * len;
            assertThat(sha.offer(buf, offs[len], len)).isTrue();
        }
        assertThat(sha.queued()).isEqualTo(n);
        int[] got = new int[n + 5];
        sha.drain(got, 5);
        assertThat(sha.queued()).isZero();
        int[] want = new int[n];
        for (int len = 0; len < n; len++) {
            want[len] = reference(buf, offs[len], len);
        }
        int[] out = Arrays.copyOfRange(got, 5, n + 5);
        Arrays.sort(out);
        Arrays.sort(want);
        assertThat(out).isEqualTo(want);
    }

    @Test
    void drainsAreIndependentAndTheQueueGrows() throws Exception {
        Random rnd = new Random(5);
        VectorSha1 sha = new VectorSha1();
        for (int round = 0; round < 3; round++) {
            byte[] buf = new byte[4096 + round];
            rnd.nextBytes(buf);
            int n = round == 0 ? 1 : round == 1 ? 17 : 2500;
            int[] want = new int[n];
            for (int i = 0; i < n; i++) {
                int len = rnd.nextInt(VectorSha1.MAX_LENGTH + 1);
                int off = rnd.nextInt(buf.length - len);
                sha.offer(buf, off, len);
                want[i] = reference(buf, off, len);
            }
            int[] got = new int[n];
            sha.drain(got, 0);
            Arrays.sort(got);
            Arrays.sort(want);
            assertThat(got).as("drain %d", round).isEqualTo(want);
        }
    }

    @Test
    void refusesLongerMessagesAndASecondBuffer() {
        VectorSha1 sha = new VectorSha1();
        byte[] a = new byte[200];
        assertThat(sha.offer(a, 0, VectorSha1.MAX_LENGTH + 1)).isFalse();
        assertThat(sha.queued()).isZero();
        sha.offer(a, 0, 10);
        assertThatThrownBy(() -> sha.offer(new byte[200], 0, 10)).isInstanceOf(IllegalStateException.class);
        sha.clear();
        assertThat(sha.queued()).isZero();
        assertThat(sha.offer(new byte[200], 0, 10)).isTrue();
    }
}
