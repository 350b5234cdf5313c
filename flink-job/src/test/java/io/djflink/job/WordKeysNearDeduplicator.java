package io.djflink.job;

import io.djflink.ops.BandKey;
import io.djflink.ops.BaseOp;
import io.djflink.ops.NearDeduplicator;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.util.List;

/**
 * Test-only near-duplicate op with a transparent candidate structure: the keys are the first and
 * the last word, so shared first words and shared last words chain samples into components whose
 * survivors are easy to compute independently. With {@code pair_check}, a shared key counts only
 * when the word counts are equal too, which exercises the pair-checking path.
 */
public final class WordKeysNearDeduplicator extends BaseOp implements NearDeduplicator {

    private final boolean pairCheck;

    WordKeysNearDeduplicator(Params p) {
        super(p);
        this.pairCheck = p.bool("pair_check");
    }

    @Override
    public long[] signature(Sample sample, SampleContext ctx) {
        String[] w = sample.text(textKey).trim().split("\\s+");
        if (w.length < 2) {
            throw new IllegalArgumentException("fewer than 2 words");
        }
        return new long[] {pack(w[0]), pack(w[w.length - 1]), w.length};
    }

    /** Words here are short ASCII, packed losslessly into a long. */
    static long pack(String word) {
        long v = 0;
        for (int i = 0; i < word.length(); i++) {
            v = v * 131 + word.charAt(i);
        }
        return v;
    }

    @Override
    public BandKey[] candidateKeys(long[] s) {
        // first words and last words are separate key spaces
        return new BandKey[] {new BandKey(0, s[0]), new BandKey(1, s[1])};
    }

    @Override
    public boolean isDuplicate(long[] a, long[] b) {
        return !pairCheck || a[2] == b[2];
    }

    @Override
    public double similarity(long[] a, long[] b) {
        return a[2] == b[2] ? 1.0 : 0.5;
    }

    @Override
    public boolean candidatesAreDuplicates() {
        return !pairCheck;
    }

    /** Registers {@code test_word_near_deduplicator} (test classpath only). */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "test_word_near_deduplicator";
        }

        @Override
        public OpKind kind() {
            return OpKind.DEDUPLICATOR;
        }

        @Override
        public String doc() {
            return "test only: near-duplicates by shared first or last word";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(ParamSpec.of("pair_check", ParamType.BOOL, false, "also require equal word counts"));
        }

        @Override
        public Op create(Params p) {
            return new WordKeysNearDeduplicator(p);
        }
    }
}
