package io.djflink.ops.video;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An exact rational, parsed as Python's {@code Fraction(str)} parses: {@code "9/21"}, {@code "3"},
 * {@code "0.75"}, {@code "1e-2"}, with an optional sign and surrounding whitespace (Data-Juicer
 * replaces {@code ':'} by {@code '/'} first). Compared with a double exactly, as Python compares a
 * float with a Fraction.
 */
final class Ratio {

    private static final Pattern FORM = Pattern.compile(
            "\\s*([-+]?)(?=\\d|\\.\\d)(\\d*|\\d+(?:_\\d+)*)"
                    + "(?:\\s*/\\s*(\\d+(?:_\\d+)*)|(?:\\.(\\d*|\\d+(?:_\\d+)*))?(?:[eE]([-+]?\\d+(?:_\\d+)*))?)\\s*");

    private final BigInteger num;
    private final BigInteger den;

    private Ratio(BigInteger num, BigInteger den) {
        this.num = num;
        this.den = den;
    }

    /**
     * Parses a ratio string.
     *
     * @throws IllegalArgumentException for a string Python's Fraction refuses, or a zero denominator
     */
    static Ratio parse(String s) {
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + s + "' is not a ratio such as 9/21, 9:21 or 0.75");
        }
        String digits = m.group(2).replace("_", "");
        BigInteger num = digits.isEmpty() ? BigInteger.ZERO : new BigInteger(digits);
        BigInteger den = BigInteger.ONE;
        if (m.group(3) != null) {
            den = new BigInteger(m.group(3).replace("_", ""));
            if (den.signum() == 0) {
                throw new IllegalArgumentException("'" + s + "' divides by zero");
            }
        } else {
            BigDecimal d = new BigDecimal(num);
            if (m.group(4) != null && !m.group(4).isEmpty()) {
                d = new BigDecimal((digits.isEmpty() ? "0" : digits) + "." + m.group(4).replace("_", ""));
            }
            if (m.group(5) != null) {
                d = d.scaleByPowerOfTen(Integer.parseInt(m.group(5).replace("_", "")));
            }
            if (d.scale() > 0) {
                num = d.unscaledValue();
                den = BigInteger.TEN.pow(d.scale());
            } else {
                num = d.toBigIntegerExact();
            }
        }
        if (m.group(1).equals("-")) {
            num = num.negate();
        }
        return new Ratio(num, den);
    }

    /** The sign of {@code value - this}, exactly. */
    int compareTo(double value) {
        return new BigDecimal(value).multiply(new BigDecimal(den)).compareTo(new BigDecimal(num));
    }

    /** The smallest double not below this ratio. */
    double ceil() {
        double d = nearest();
        return compareTo(d) >= 0 ? d : Math.nextUp(d);
    }

    /** The largest double not above this ratio. */
    double floor() {
        double d = nearest();
        return compareTo(d) <= 0 ? d : Math.nextDown(d);
    }

    private double nearest() {
        return new BigDecimal(num).divide(new BigDecimal(den), new MathContext(40)).doubleValue();
    }

    @Override
    public String toString() {
        return num + "/" + den;
    }
}
