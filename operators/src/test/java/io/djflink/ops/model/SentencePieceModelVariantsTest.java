package io.djflink.ops.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.ops.Sample;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The options the two real models do not use themselves (no dummy prefix, extra whitespace kept,
 * unescaped spaces, whitespace as suffix, unused pieces in UNIGRAM and BPE, byte fallback in
 * UNIGRAM, user-defined symbols in BPE), on variants of those models made by appending protobuf
 * fields; the reference pieces come from sentencepiece itself
 * (tools/models/sentencepiece-fixture/variants.py and encode_variants.mjs).
 */
class SentencePieceModelVariantsTest {

    @Test
    void everyVariantEncodesAsSentencepieceDoes() throws Exception {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/sentencepiece/variants-reference.json")) {
            fixture = Sample.JSON.readTree(in);
        }
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (JsonNode v : fixture.get("variants")) {
            String name = v.get("name").asText();
            byte[] base = Files.readAllBytes(SpModels.path(v.get("base").asText()));
            SentencePieceModel sp = SentencePieceModel.fromBytes(Path.of(name + ".model"), edit(base, v.get("edit")));
            for (JsonNode t : fixture.get("texts")) {
                List<String> want = new ArrayList<>();
                t.get("pieces").get(name).forEach(p -> want.add(p.asText()));
                List<String> got = sp.encodeAsPieces(t.get("text").asText());
                if (!got.equals(want)) {
                    problems.add(name + " " + t.get("id").asText() + ": first difference "
                            + SentencePieceModelReferenceTest.firstDifference(got, t.get("pieces").get(name)));
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(7 * 40);
        assertThat(problems).isEmpty();
    }

    /** variants.py's edit: appended fields win over the model's own (protobuf's last-one-wins). */
    static byte[] edit(byte[] model, JsonNode edit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int piece = 0;
        int pos = 0;
        while (pos < model.length) {
            int start = pos;
            long[] key = varint(model, pos);
            pos = (int) key[1];
            int field = (int) (key[0] >>> 3);
            int wire = (int) (key[0] & 7);
            if (wire != 2) {
                throw new IllegalArgumentException("the model's top level holds only messages");
            }
            long[] len = varint(model, pos);
            int from = (int) len[1];
            int to = from + (int) len[0];
            pos = to;
            ByteArrayOutputStream extra = new ByteArrayOutputStream();
            if (field == 1) {
                JsonNode type = edit.path("piece_types").get(Integer.toString(piece++));
                if (type != null) {
                    writeVarintField(extra, 3, type.asLong());
                }
            } else if (field == 2 || field == 3) {
                JsonNode set = edit.path(field == 2 ? "trainer" : "normalizer");
                for (Iterator<Map.Entry<String, JsonNode>> it = set.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    writeVarintField(extra, Integer.parseInt(e.getKey()), e.getValue().asLong());
                }
            }
            if (extra.size() == 0) {
                out.write(model, start, to - start);
            } else {
                byte[] body = new byte[to - from + extra.size()];
                System.arraycopy(model, from, body, 0, to - from);
                System.arraycopy(extra.toByteArray(), 0, body, to - from, extra.size());
                writeMessage(out, field, body);
            }
        }
        if (edit.path("byte_pieces").asBoolean(false)) {
            for (int b = 0; b < 256; b++) {
                ByteArrayOutputStream p = new ByteArrayOutputStream();
                writeMessage(p, 1, String.format("<0x%02X>", b).getBytes(StandardCharsets.UTF_8));
                writeVarintField(p, 3, 6);
                writeMessage(out, 1, p.toByteArray());
            }
        }
        return out.toByteArray();
    }

    private static long[] varint(byte[] b, int pos) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            byte x = b[pos++];
            v |= (long) (x & 0x7F) << shift;
            if (x >= 0) {
                return new long[] {v, pos};
            }
        }
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static void writeVarintField(ByteArrayOutputStream out, int field, long v) {
        writeVarint(out, (long) field << 3);
        writeVarint(out, v);
    }

    private static void writeMessage(ByteArrayOutputStream out, int field, byte[] body) {
        writeVarint(out, (long) field << 3 | 2);
        writeVarint(out, body.length);
        out.write(body, 0, body.length);
    }
}
