package io.djflink.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {

    private static String reference(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Random mixes of valid sequences, real U+FFFD, and malformed bytes decode as the strict decoder does. */
    @Test
    void decodesExactlyAsTheStrictDecoder() {
        byte[][] pieces = {
            "plain ascii ".getBytes(StandardCharsets.UTF_8), "é".getBytes(StandardCharsets.UTF_8),
            "€".getBytes(StandardCharsets.UTF_8), "😀".getBytes(StandardCharsets.UTF_8),
            "\uFFFD".getBytes(StandardCharsets.UTF_8), "\uFEFF".getBytes(StandardCharsets.UTF_8),
            {(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0x80}, {0}};
        Random r = new Random(7);
        int invalid = 0;
        for (int round = 0; round < 20_000; round++) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int n = r.nextInt(6);
            for (int i = 0; i < n; i++) {
                out.writeBytes(pieces[r.nextInt(pieces.length)]);
            }
            byte[] b = out.toByteArray();
            String want = reference(b);
            invalid += want == null ? 1 : 0;
            assertThat(Utf8.decodeStrict(b, 0, b.length)).isEqualTo(want);
        }
        assertThat(invalid).as("both kinds were tried").isBetween(1000, 19_000);
        byte[] framed = "xx€yy".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.decodeStrict(framed, 2, 3)).isEqualTo("€");
        assertThat(Utf8.decodeStrict(framed, 2, 2)).isNull();
    }
}
