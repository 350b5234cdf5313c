package io.djflink.media;

import java.nio.charset.StandardCharsets;

/**
 * What an image file's header declares, read without decoding a pixel: the format and the stored
 * width and height (before any EXIF rotation). {@link #read} also checks what the decoder would
 * let pass: a JPEG must keep its end marker after its scan data, since libjpeg fills a cut-off
 * JPEG with grey where Pillow (and so Data-Juicer) refuses it as truncated.
 *
 * <p>Formats: PNG, JPEG, GIF, BMP, WebP (lossy, lossless, extended) and TIFF; anything else is
 * refused as not an image, so that no decoder ever allocates for dimensions nobody checked.
 *
 * @param format the format name, upper case ({@code PNG}, {@code JPEG}, ...)
 * @param width the stored width in pixels
 * @param height the stored height in pixels
 */
public record ImageHeader(String format, long width, long height) {

    /**
     * Reads the header of a whole image file.
     *
     * @throws MediaException naming the location when the bytes are empty, not an image of a known
     *     format, cut short in the header, or a JPEG without its end
     */
    public static ImageHeader read(String location, byte[] b) throws MediaException {
        if (b.length == 0) {
            throw new MediaException(location, "the file is empty (0 bytes)");
        }
        try {
            if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
                if (!startsWith(b, 12, 'I', 'H', 'D', 'R')) {
                    throw new MediaException(location, "PNG without an IHDR chunk first");
                }
                return new ImageHeader("PNG", u32be(b, 16), u32be(b, 20));
            }
            if (startsWith(b, 0, 0xFF, 0xD8)) {
                return jpeg(location, b);
            }
            if (startsWith(b, 0, 'G', 'I', 'F', '8') && (b[4] == '7' || b[4] == '9') && b[5] == 'a') {
                return new ImageHeader("GIF", u16le(b, 6), u16le(b, 8));
            }
            if (startsWith(b, 0, 'B', 'M')) {
                long dib = u32le(b, 14);
                return dib == 12 ? new ImageHeader("BMP", u16le(b, 18), u16le(b, 20))
                        : new ImageHeader("BMP", Math.abs((long) (int) u32le(b, 18)), Math.abs((long) (int) u32le(b, 22)));
            }
            if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
                return webp(location, b);
            }
            if (startsWith(b, 0, 'I', 'I', 42, 0) || startsWith(b, 0, 'M', 'M', 0, 42)) {
                return tiff(location, b);
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new MediaException(location, "the image header is cut short (the file has " + b.length + " bytes)");
        }
        throw new MediaException(location, "not an image in a format djflink decodes (PNG, JPEG, GIF, BMP, WebP, TIFF);"
                + " the file starts with " + preview(b));
    }

    /** Walks the marker segments to the frame header; then requires an end marker after the first scan. */
    private static ImageHeader jpeg(String location, byte[] b) throws MediaException {
        int i = 2;
        ImageHeader frame = null;
        while (true) {
            if ((b[i] & 0xFF) != 0xFF) {
                throw new MediaException(location, "JPEG marker expected at byte " + i);
            }
            while ((b[i] & 0xFF) == 0xFF) {
                i++;
            }
            int m = b[i++] & 0xFF;
            if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
                continue;
            }
            if (m == 0xD9) {
                throw new MediaException(location, "JPEG ends before its image data");
            }
            int len = u16be(b, i);
            if (m == 0xDA) {
                if (frame == null) {
                    throw new MediaException(location, "JPEG scan before any frame header");
                }
                if (lastEndMarker(b) < i + len) {
                    throw new MediaException(location, "the JPEG is truncated (no end marker after its image data; "
                            + b.length + " bytes)");
                }
                return frame;
            }
            if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC && frame == null) {
                frame = new ImageHeader("JPEG", u16be(b, i + 5), u16be(b, i + 3));
            }
            i += len;
        }
    }

    private static int lastEndMarker(byte[] b) {
        for (int i = b.length - 2; i >= 0; i--) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) {
                return i;
            }
        }
        return -1;
    }

    private static ImageHeader webp(String location, byte[] b) throws MediaException {
        if (startsWith(b, 12, 'V', 'P', '8', ' ')) {
            if (!startsWith(b, 23, 0x9D, 0x01, 0x2A)) {
                throw new MediaException(location, "WebP (lossy) without its frame start code");
            }
            return new ImageHeader("WEBP", u16le(b, 26) & 0x3FFF, u16le(b, 28) & 0x3FFF);
        }
        if (startsWith(b, 12, 'V', 'P', '8', 'L')) {
            long bits = u32le(b, 21);
            return new ImageHeader("WEBP", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
        }
        if (startsWith(b, 12, 'V', 'P', '8', 'X')) {
            return new ImageHeader("WEBP", u24le(b, 24) + 1, u24le(b, 27) + 1);
        }
        throw new MediaException(location, "WebP with an unknown first chunk " + preview(java.util.Arrays.copyOfRange(b, 12, 16)));
    }

    private static ImageHeader tiff(String location, byte[] b) throws MediaException {
        boolean le = b[0] == 'I';
        int ifd = (int) Math.min(Integer.MAX_VALUE, u32(b, 4, le));
        int n = u16(b, ifd, le);
        long width = -1;
        long height = -1;
        for (int k = 0; k < n; k++) {
            int e = ifd + 2 + 12 * k;
            int tag = u16(b, e, le);
            if (tag != 256 && tag != 257) {
                continue;
            }
            int type = u16(b, e + 2, le);
            long v = type == 3 ? u16(b, e + 8, le) : u32(b, e + 8, le);
            if (tag == 256) {
                width = v;
            } else {
                height = v;
            }
        }
        if (width < 0 || height < 0) {
            throw new MediaException(location, "TIFF without ImageWidth and ImageLength in its first directory");
        }
        return new ImageHeader("TIFF", width, height);
    }

    private static boolean startsWith(byte[] b, int at, int... expected) {
        if (b.length < at + expected.length) {
            return false;
        }
        for (int k = 0; k < expected.length; k++) {
            if ((b[at + k] & 0xFF) != expected[k]) {
                return false;
            }
        }
        return true;
    }

    private static String preview(byte[] b) {
        int n = Math.min(b.length, 8);
        StringBuilder hex = new StringBuilder();
        for (int k = 0; k < n; k++) {
            hex.append(String.format("%02x", b[k] & 0xFF));
        }
        String text = new String(b, 0, n, StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", ".");
        return "0x" + hex + " ('" + text + "')";
    }

    private static int u16be(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    private static int u16le(byte[] b, int i) {
        return (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8);
    }

    private static long u24le(byte[] b, int i) {
        return (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8) | ((long) (b[i + 2] & 0xFF) << 16);
    }

    private static long u32be(byte[] b, int i) {
        return ((long) u16be(b, i) << 16) | u16be(b, i + 2);
    }

    private static long u32le(byte[] b, int i) {
        return u16le(b, i) | ((long) u16le(b, i + 2) << 16);
    }

    private static int u16(byte[] b, int i, boolean le) {
        return le ? u16le(b, i) : u16be(b, i);
    }

    private static long u32(byte[] b, int i, boolean le) {
        return le ? u32le(b, i) : u32be(b, i);
    }
}
