package io.djflink.media;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;

/**
 * Data-Juicer's size strings ({@code size_to_bytes}), as its size filters read them: the digits of
 * the string form the number and its letters form the unit, whatever else is around them.
 *
 * <ul>
 *   <li>No letters: bytes ({@code "0"}, {@code "2048"}).
 *   <li>Units, case-insensitive, all powers of 1024: {@code KB}/{@code KiB} = 2^10, {@code MB}/{@code MiB}
 *       = 2^20, then G, T, P, E, Z, Y up to 2^80.
 *   <li>Every non-digit is ignored in the number: {@code "1.5MB"} is 15 MiB, {@code "1,024 KB"} is
 *       1024 KiB, exactly as in Data-Juicer.
 * </ul>
 */
public final class ByteSize {

    private static final Map<String, Integer> SHIFT = Map.ofEntries(
            Map.entry("kb", 10), Map.entry("kib", 10), Map.entry("mb", 20), Map.entry("mib", 20),
            Map.entry("gb", 30), Map.entry("gib", 30), Map.entry("tb", 40), Map.entry("tib", 40),
            Map.entry("pb", 50), Map.entry("pib", 50), Map.entry("eb", 60), Map.entry("eib", 60),
            Map.entry("zb", 70), Map.entry("zib", 70), Map.entry("yb", 80), Map.entry("yib", 80));

    private ByteSize() {}

    /**
     * The number of bytes a size string names.
     *
     * @throws IllegalArgumentException when it has no digit or an unknown unit (the message lists
     *     the units)
     */
    public static BigInteger parse(String size) {
        StringBuilder digits = new StringBuilder();
        StringBuilder letters = new StringBuilder();
        size.codePoints().forEach(c -> {
            if (Character.isDigit(c)) {
                digits.append(Character.digit(c, 10));
            } else if (Character.isLetter(c)) {
                letters.appendCodePoint(c);
            }
        });
        if (digits.length() == 0) {
            throw new IllegalArgumentException("size '" + size + "' contains no number");
        }
        // Data-Juicer reads the digits with int(float(...)): beyond 2^53 the nearest double counts.
        BigInteger n = new BigDecimal(new BigDecimal(digits.toString()).doubleValue()).toBigInteger();
        if (letters.length() == 0) {
            return n;
        }
        String unit = letters.toString().toLowerCase(Locale.ROOT);
        Integer shift = SHIFT.get(unit);
        if (shift == null) {
            throw new IllegalArgumentException("size '" + size + "' has the unknown unit '" + unit
                    + "'; units (case-insensitive, powers of 1024): KB, MB, GB, TB, PB, EB, ZB, YB, KiB, MiB, GiB, TiB,"
                    + " PiB, EiB, ZiB, YiB");
        }
        return n.shiftLeft(shift);
    }

    /** {@link #parse} as a double (exact up to 2^53 bytes = 8 PiB), for filter bounds. */
    public static double parseDouble(String size) {
        return parse(size).doubleValue();
    }
}
