package io.djflink.ops.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.ops.BandKey;
import io.djflink.ops.NearDeduplicator;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.ParamException;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import io.djflink.ops.model.SpModels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class DocumentMinhashDeduplicatorTest {

    static NearDeduplicator op(Map<String, Object> args) {
        return (NearDeduplicator) OpRegistry.get().factory("document_minhash_deduplicator").create(args);
    }

    static long[] sig(NearDeduplicator op, String text) throws Exception {
        return op.signature(Sample.ofText("text", text), new SampleContext());
    }

    private static Map<String, Object> args(JsonNode c) {
        Map<String, Object> a = new HashMap<>();
        a.put("tokenization", c.get("tokenization").asText());
        a.put("window_size", c.get("window_size").asInt());
        a.put("lowercase", c.get("lowercase").asBoolean());
        if (!c.get("ignore_pattern").isNull()) {
            a.put("ignore_pattern", c.get("ignore_pattern").asText());
        }
        return a;
    }

    @Test
    void signaturesAreBitIdenticalToTheNumpyReference() throws Exception {
        for (JsonNode c : Reference.JSON.get("signatures")) {
            long[] got = sig(op(args(c)), c.get("text").asText());
            JsonNode want = c.get("minhash");
            assertThat(got).as(c.get("text").asText()).hasSize(256);
            for (int i = 0; i < 256; i++) {
                assertThat(got[i]).as("%s: value %d", c.get("text").asText(), i).isEqualTo(want.get(i).asLong());
            }
        }
    }

    @Test
    void corpusSignaturesEqualThoseOfOneShingleHashAtATime() throws Exception {
        // long documents: hundreds of shingles, many past one SHA-1 block and some past two, so
        // that every hashing path of the op (VectorSha1 where the JVM has it) meets MessageDigest
        NearDeduplicator op = op(Map.of());
        long[][] ab = DocumentMinhashDeduplicator.permutations(256);
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-1");
        Shingler shingler = new Shingler(Shingler.Mode.SPACE, 5, true, null);
        int longer = 0;
        for (String corpus : List.of("prose", "code")) {
            try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(
                    java.nio.file.Files.newInputStream(io.djflink.ops.ReferenceDocs.dataDir().resolve(corpus + ".jsonl.gz"))),
                    StandardCharsets.UTF_8))) {
                for (int doc = 0; doc < 40; doc++) {
                    String text = Sample.parse(r.readLine()).text("text");
                    List<Integer> hashes = new ArrayList<>();
                    int[] past = new int[1];
                    shingler.shingles(text, (buf, off, len) -> {
                        md.update(buf, off, len);
                        byte[] d = md.digest();
                        hashes.add((d[0] & 0xFF) | (d[1] & 0xFF) << 8 | (d[2] & 0xFF) << 16 | (d[3] & 0xFF) << 24);
                        past[0] += len > VectorSha1.MAX_LENGTH ? 1 : 0;
                    });
                    longer += past[0];
                    int[] h = hashes.stream().mapToInt(Integer::intValue).toArray();
                    assertThat(sig(op, text)).as("%s document %d", corpus, doc)
                            .isEqualTo(DocumentMinhashDeduplicator.minhashScalar(h, h.length, ab[0], ab[1]));
                }
            }
        }
        assertThat(longer).as("shingles longer than two SHA-1 blocks").isPositive();
    }

    @Test
    void theVectorPermutationsEqualTheScalarOnesBitForBit() {
        // the tests' JVM adds jdk.incubator.vector; without 512-bit vectors this CPU uses the scalar loop only
        Assumptions.assumeTrue(DocumentMinhashDeduplicator.VECTOR, "no 512-bit vectors on this CPU");
        long[][] ab = DocumentMinhashDeduplicator.permutations(256);
        java.util.Random rnd = new java.util.Random(7);
        for (int n : new int[] {1, 3, 4, 5, 97, 1000}) {
            int[] hashes = rnd.ints(n).toArray();
            assertThat(VectorMinHash.minhash(hashes, n, ab[0], ab[1]))
                    .isEqualTo(DocumentMinhashDeduplicator.minhashScalar(hashes, n, ab[0], ab[1]));
        }
        // the reduction's edges, h * a + b = p, 2p (folds to exactly p) and 2^62 - 1 (folds to p + 1), in
        // 13 permutations, so that five of them fall to the scalar tail
        long p = DocumentMinhashDeduplicator.MERSENNE_61;
        long[][] edges = {{p - 1, 1}, {p - 1, 2}, {1L << 61, p}};
        long[] a = new long[13];
        long[] b = new long[13];
        for (int j = 0; j < 13; j++) {
            a[j] = edges[j % 3][0];
            b[j] = edges[j % 3][1];
        }
        for (int h : new int[] {1, 2}) {
            long[] scalar = DocumentMinhashDeduplicator.minhashScalar(new int[] {h}, 1, a, b);
            assertThat(VectorMinHash.minhash(new int[] {h}, 1, a, b)).as("h=%d", h).isEqualTo(scalar);
        }
        long[] one = DocumentMinhashDeduplicator.minhashScalar(new int[] {1}, 1, a, b);
        long[] two = DocumentMinhashDeduplicator.minhashScalar(new int[] {2}, 1, a, b);
        assertThat(new long[] {one[0], two[1], one[2], one[12]}).containsExactly(0, 0, 1, 0);
    }

    @Test
    void aTextWithFewerTokensThanTheWindowHasNoSignature() {
        NearDeduplicator op = op(Map.of());
        assertThatThrownBy(() -> sig(op, "only four words here")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fewer tokens than window_size");
    }

    @Test
    void defaultsUseTwentyFiveBandsOfTenRowsAsCandidateKeys() throws Exception {
        NearDeduplicator op = op(Map.of());
        BandKey[] keys = op.candidateKeys(sig(op, "one two three four five six"));
        assertThat(keys).hasSize(25).doesNotHaveDuplicates();
        assertThat(((DocumentMinhashDeduplicator) op).rows()).isEqualTo(10);
    }

    @Test
    void aBandKeyIsTheSameForEqualBandsAndDiffersWithTheValuesOrTheBandIndex() {
        NearDeduplicator op = op(Map.of("num_bands", 2, "num_rows_per_band", 2, "num_permutations", 4));
        BandKey[] a = op.candidateKeys(new long[] {1, 2, 3, 4});
        BandKey[] b = op.candidateKeys(new long[] {1, 2, 3, 5});
        assertThat(b[0]).isEqualTo(a[0]);
        assertThat(b[1]).isNotEqualTo(a[1]);
        // the same values in bands 0 and 1 are different keys: bands are separate tables upstream
        BandKey[] same = op.candidateKeys(new long[] {7, 8, 7, 8});
        assertThat(same[0]).isNotEqualTo(same[1]);
    }

    @Test
    void bandKeysStayTheSameAcrossVersions() {
        // keyed state and savepoints hold these keys: a change here makes restored buckets miss
        NearDeduplicator op = op(Map.of("num_bands", 2, "num_rows_per_band", 1, "num_permutations", 2));
        assertThat(op.candidateKeys(new long[] {0x01020304L, 0xA0B0C0D0L})).extracting(BandKey::toString)
                .containsExactly("9f42e436a931a7574f09c3d14f79bab6", "2a780c89604a9c78418f30c86369bda8");
    }

    @Test
    void samplesSharingOneBandAreDuplicates() {
        NearDeduplicator op = op(Map.of("num_bands", 2, "num_rows_per_band", 2, "num_permutations", 4));
        assertThat(op.isDuplicate(new long[] {1, 2, 3, 4}, new long[] {9, 9, 3, 4})).isTrue();
        assertThat(op.isDuplicate(new long[] {1, 2, 3, 4}, new long[] {1, 9, 3, 9})).isFalse();
        assertThat(op.similarity(new long[] {1, 2, 3, 4}, new long[] {1, 9, 3, 9})).isEqualTo(0.5);
    }

    @Test
    void xxh64HashFuncGivesOtherSignaturesOfTheSameShape() throws Exception {
        String text = "the quick brown fox jumps over the lazy dog again and again";
        long[] sha1 = sig(op(Map.of()), text);
        long[] xxh = sig(op(Map.of("hash_func", "xxh64")), text);
        assertThat(xxh).hasSize(256).isNotEqualTo(sha1);
    }

    @Test
    void sentencepieceWithoutAModelIsRefusedAtConstruction() {
        assertThatThrownBy(() -> op(Map.of("tokenization", "sentencepiece")))
                .isInstanceOf(ParamException.class).hasMessageContaining("tokenizer_model");
    }

    @Test
    void sentencepieceWithAPathThatIsNoFileIsRefused() {
        assertThatThrownBy(() -> op(Map.of("tokenization", "sentencepiece", "tokenizer_model", "/no/such/en.sp.model")))
                .isInstanceOf(ParamException.class).hasMessageContaining("/no/such/en.sp.model")
                .satisfies(e -> assertThat(((ParamException) e).param()).isEqualTo("tokenizer_model"));
    }

    @Test
    void sentencepieceShinglesAreWindowsOfPiecesJoinedByNothing() throws Exception {
        // sentencepiece's own pieces of an edge case (reference fixture): shingles are
        // ''.join(pieces[i:i+w]), UTF-8 encoded, in order
        JsonNode doc = SpModels.edgeCase(SpModels.reference(SpModels.ALBERT), "edge-07");
        List<String> pieces = new ArrayList<>();
        doc.get("pieces").forEach(p -> pieces.add(p.asText()));
        List<String> want = new ArrayList<>();
        for (int i = 0; i + 3 <= pieces.size(); i++) {
            want.add(String.join("", pieces.subList(i, i + 3)));
        }
        Shingler sh = new Shingler(Shingler.Mode.SENTENCEPIECE, 3, false, null, SpModels.path(SpModels.ALBERT));
        List<String> got = new ArrayList<>();
        int n = sh.shingles(doc.get("text").asText(), (b, off, len) -> got.add(new String(b, off, len, StandardCharsets.UTF_8)));
        assertThat(got).isEqualTo(want);
        assertThat(n).isEqualTo(want.size());
    }

    @Test
    void sentencepieceSignaturesSeeTextsThatNormalizeAlikeAsEqual() throws Exception {
        // NFKC folds full-width letters and ideographic spaces; whitespace tokens do not
        String ascii = "the quick brown fox jumps over the lazy dog";
        String wide = "ｔｈｅ　ｑｕｉｃｋ　ｂｒｏｗｎ　ｆｏｘ　ｊｕｍｐｓ　ｏｖｅｒ　ｔｈｅ　ｌａｚｙ　ｄｏｇ";
        NearDeduplicator sp = op(Map.of("tokenization", "sentencepiece",
                "tokenizer_model", SpModels.path(SpModels.ALBERT).toString()));
        sp.open();
        assertThat(sig(sp, wide)).isEqualTo(sig(sp, ascii));
        NearDeduplicator space = op(Map.of());
        assertThatThrownBy(() -> sig(space, wide)).as("one whitespace token only").isInstanceOf(IllegalArgumentException.class);
        assertThat(sig(space, ascii)).isNotEqualTo(sig(sp, ascii));
    }

    @Test
    void sentencepieceTextWithFewerPiecesThanTheWindowHasNoSignature() {
        NearDeduplicator sp = op(Map.of("tokenization", "sentencepiece",
                "tokenizer_model", SpModels.path(SpModels.ALBERT).toString()));
        // pieces [▁hello, ▁world]
        assertThatThrownBy(() -> sig(sp, "hello world")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fewer tokens than window_size");
    }

    @Test
    void bandsTimesRowsBeyondThePermutationsIsRefused() {
        assertThatThrownBy(() -> op(Map.of("num_bands", 30, "num_rows_per_band", 10)))
                .isInstanceOf(ParamException.class).hasMessageContaining("exceeds num_permutations");
    }

    @Test
    void unknownTokenizationIsRefused() {
        assertThatThrownBy(() -> op(Map.of("tokenization", "words"))).isInstanceOf(ParamException.class);
    }
}
