package io.djflink.ops.model;

/** UTF-8 as sentencepiece reads it: strict encoding of Java strings, character length from the lead byte. */
final class Utf8 {

    private Utf8() {}

    /**
     * The UTF-8 bytes of {@code s}. A lone surrogate has no UTF-8 form; Python refuses to encode
     * it before sentencepiece sees the text, and so does this.
     */
    static byte[] encode(String s) {
        int n = s.length();
        byte[] out = new byte[n * 3];
        int w = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[w++] = (byte) c;
            } else if (c < 0x800) {
                out[w++] = (byte) (0xC0 | (c >> 6));
                out[w++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw new IllegalArgumentException("'utf-8' codec can't encode character '\\u"
                            + Integer.toHexString(c) + "' at position " + i + ": surrogates not allowed");
                }
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[w++] = (byte) (0xF0 | (cp >> 18));
                out[w++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[w++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[w++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                out[w++] = (byte) (0xE0 | (c >> 12));
                out[w++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[w++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return w == out.length ? out : java.util.Arrays.copyOf(out, w);
    }

    /** Bytes of the character a lead byte starts, as sentencepiece's {@code OneCharLen} (1 for a stray continuation byte). */
    static int charLength(byte lead) {
        int b = lead & 0xFF;
        return b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    }
}
