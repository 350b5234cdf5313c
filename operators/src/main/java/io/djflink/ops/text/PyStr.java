package io.djflink.ops.text;

/** Python {@code str} semantics the ops depend on, to the code point. */
public final class PyStr {

    private PyStr() {}

    /**
     * Python's {@code str.isspace()} for one code point: Unicode White_Space plus the
     * separators Python counts (bidi classes WS, B, S).
     */
    public static boolean isSpace(int cp) {
        switch (cp) {
            case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D:
            case 0x1C: case 0x1D: case 0x1E: case 0x1F: case 0x20:
            case 0x85: case 0xA0: case 0x1680:
            case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
                return true;
            default:
                return cp >= 0x2000 && cp <= 0x200A;
        }
    }

    /** Python's {@code str.strip()} with no argument. */
    public static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    /**
     * Python's {@code str.splitlines()}: splits on \n, \r, \r\n, \v, \f, \x1c, \x1d, \x1e, \x85,
     * U+2028 and U+2029; no trailing empty line.
     */
    public static java.util.List<String> splitLines(String s) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        int start = 0;
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            boolean brk;
            switch (c) {
                case '\n': case '\r': case 0x0B: case 0x0C: case 0x1C: case 0x1D: case 0x1E:
                case 0x85: case 0x2028: case 0x2029:
                    brk = true;
                    break;
                default:
                    brk = false;
            }
            if (brk) {
                lines.add(s.substring(start, i));
                if (c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
            i++;
        }
        if (start < n) {
            lines.add(s.substring(start));
        }
        return lines;
    }
}
