package io.djflink.ops.text.ftfy;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;

/**
 * The single-byte encodings ftfy tries when it suspects UTF-8 was decoded with the wrong codec,
 * in ftfy's order, plus the strict and "variants" UTF-8 decoders used to undo the mistake.
 *
 * <p>The "sloppy" encodings are ftfy's versions of the Windows code pages: bytes the code page
 * leaves unassigned decode to the Latin-1 character of the same number, and byte 0x1A stands for
 * U+FFFD so text that already lost a byte can still be re-encoded.
 */
final class Charmaps {

    /** One single-byte encoding: a 256-entry decode table and its inverse. */
    static final class Charmap {
        final String name;
        final boolean sloppy;
        final char[] decode = new char[256];
        /** Characters that this encoding can produce, i.e. that {@link #encode} accepts. */
        final BitSet encodable = new BitSet(0x10000);
        private final short[] encodeTable = new short[0x10000];

        Charmap(String name, String javaCharset, boolean sloppy) {
            this.name = name;
            this.sloppy = sloppy;
            byte[] all = new byte[256];
            for (int i = 0; i < 256; i++) {
                all[i] = (byte) i;
            }
            String decoded = new String(all, Charset.forName(javaCharset));
            for (int i = 0; i < 256; i++) {
                char c = decoded.charAt(i);
                if (c == '\uFFFD' && sloppy) {
                    c = (char) i; // unassigned byte: pass it through as Latin-1
                }
                decode[i] = c;
            }
            if (sloppy) {
                decode[0x1A] = '\uFFFD';
            }
            java.util.Arrays.fill(encodeTable, (short) -1);
            for (int i = 255; i >= 0; i--) {
                encodeTable[decode[i]] = (short) i;
            }
            // ftfy's "could this text come from this encoding" test: ASCII except 0x1A, plus
            // whatever bytes 0x80-0xFF and 0x1A decode to.
            encodable.set(0x00, 0x1A);
            encodable.set(0x1B, 0x80);
            for (int i = 0x80; i < 0x100; i++) {
                encodable.set(decode[i]);
            }
            encodable.set(decode[0x1A]);
        }

        boolean canEncode(CharSequence text) {
            for (int i = 0, n = text.length(); i < n; i++) {
                if (!encodable.get(text.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        /** Encodes text that passed {@link #canEncode}; the result is returned as a Latin-1 string. */
        String encodeToByteString(CharSequence text) {
            char[] out = new char[text.length()];
            for (int i = 0; i < out.length; i++) {
                out[i] = (char) encodeTable[text.charAt(i)];
            }
            return new String(out);
        }
    }

    static final Charmap LATIN_1 = new Charmap("latin-1", "ISO-8859-1", false);
    static final Charmap SLOPPY_1252 = new Charmap("sloppy-windows-1252", "windows-1252", true);
    static final Charmap SLOPPY_1251 = new Charmap("sloppy-windows-1251", "windows-1251", true);
    static final Charmap SLOPPY_1250 = new Charmap("sloppy-windows-1250", "windows-1250", true);
    static final Charmap SLOPPY_1253 = new Charmap("sloppy-windows-1253", "windows-1253", true);
    static final Charmap SLOPPY_1254 = new Charmap("sloppy-windows-1254", "windows-1254", true);
    static final Charmap SLOPPY_1257 = new Charmap("sloppy-windows-1257", "windows-1257", true);
    static final Charmap ISO_8859_2 = new Charmap("iso-8859-2", "ISO-8859-2", false);
    static final Charmap MACROMAN = new Charmap("macroman", "x-MacRoman", false);
    static final Charmap CP437 = new Charmap("cp437", "IBM437", false);

    /** ftfy's CHARMAP_ENCODINGS, in the order it tries them. */
    static final List<Charmap> CHARMAP_ENCODINGS = List.of(
            LATIN_1, SLOPPY_1252, SLOPPY_1251, SLOPPY_1250, SLOPPY_1253, SLOPPY_1254, SLOPPY_1257,
            ISO_8859_2, MACROMAN, CP437);

    private Charmaps() {}

    /**
     * Decodes a byte string (one char per byte) as UTF-8, or as ftfy's "utf-8-variants" when it
     * holds 0xED or 0xC0 (CESU-8 surrogate pairs and Java's 0xC0 0x80 for NUL). Returns
     * {@code null} when the bytes are not valid in that decoding.
     */
    static String decodeUtf8(String byteString) {
        byte[] bytes = byteString.getBytes(StandardCharsets.ISO_8859_1);
        if (byteString.indexOf('\u00ED') >= 0 || byteString.indexOf('\u00C0') >= 0) {
            bytes = undoUtf8Variants(bytes);
        }
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer cb = dec.decode(ByteBuffer.wrap(bytes));
            return cb.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Rewrites CESU-8 surrogate pairs as 4-byte UTF-8 and 0xC0 0x80 as 0x00. */
    private static byte[] undoUtf8Variants(byte[] in) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(in.length);
        int n = in.length;
        for (int i = 0; i < n; i++) {
            int b = in[i] & 0xFF;
            if (b == 0xED && i + 5 < n
                    && between(in[i + 1], 0xA0, 0xAF) && between(in[i + 2], 0x80, 0xBF)
                    && (in[i + 3] & 0xFF) == 0xED
                    && between(in[i + 4], 0xB0, 0xBF) && between(in[i + 5], 0x80, 0xBF)) {
                int hi = 0xD000 | ((in[i + 1] & 0x3F) << 6) | (in[i + 2] & 0x3F);
                int lo = 0xD000 | ((in[i + 4] & 0x3F) << 6) | (in[i + 5] & 0x3F);
                int cp = Character.toCodePoint((char) hi, (char) lo);
                byte[] enc = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(enc, 0, enc.length);
                i += 5;
            } else if (b == 0xC0 && i + 1 < n && (in[i + 1] & 0xFF) == 0x80) {
                out.write(0);
                i += 1;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static boolean between(byte b, int lo, int hi) {
        int v = b & 0xFF;
        return v >= lo && v <= hi;
    }
}
