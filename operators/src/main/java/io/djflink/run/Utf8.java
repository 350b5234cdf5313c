package io.djflink.run;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding: invalid input is reported, never silently replaced. */
public final class Utf8 {

    private static final ThreadLocal<CharsetDecoder> DECODER =
            ThreadLocal.withInitial(() -> StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));

    private Utf8() {}

    /** The text, or {@code null} if the bytes are not valid UTF-8. */
    public static String decodeStrict(byte[] bytes, int offset, int length) {
        // The JDK's own decoding (vectorized for ASCII runs, one copy) replaces every malformed
        // sequence with U+FFFD, so a result without U+FFFD is exactly the strict decoding; one
        // with it (rare) goes to the strict decoder, which tells a real U+FFFD from an error
        String s = new String(bytes, offset, length, StandardCharsets.UTF_8);
        if (s.indexOf('\uFFFD') < 0) {
            return s;
        }
        try {
            return DECODER.get().reset().decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The byte offset of the first invalid UTF-8 sequence, for error messages. */
    public static int firstInvalid(byte[] bytes, int offset, int length) {
        CharsetDecoder d = DECODER.get().reset();
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CharBuffer out = CharBuffer.allocate(Math.max(16, length));
        var result = d.decode(in, out, true);
        return result.isError() ? in.position() - offset : -1;
    }
}
