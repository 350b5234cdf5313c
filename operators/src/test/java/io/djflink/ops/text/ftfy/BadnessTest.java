package io.djflink.ops.text.ftfy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BadnessTest {

    /** The table-driven matcher must agree with the same expression run by java.util.regex. */
    @Test
    void matcherAgreesWithRegex() {
        Pattern regex = Pattern.compile(Badness.regex());
        StringBuilder alphabet = new StringBuilder("abzAZ .,?!_\n\t1");
        for (String cat : Badness.CATEGORIES.values()) {
            for (int i = 0; i < cat.length(); i++) {
                if (i + 2 < cat.length() && cat.charAt(i + 1) == '-') {
                    for (char c = cat.charAt(i); c <= cat.charAt(i + 2); c++) {
                        alphabet.append(c);
                    }
                    i += 2;
                } else {
                    alphabet.append(cat.charAt(i));
                }
            }
        }
        alphabet.append("\u0412\u0413\u0420\u0421\u045e\u0402\u03b2\u0392\u0393\u039e\u039f\u0101\u0432\u03c0"
                + "\u00c2\u00c3\u00ce\u00d0\u00d7\u00d8\u00d9\u00e0\u221a\u2248\u201a\u00c4\u00e2\u00f3\u00ea\u3000\u0301");
        Random rnd = new Random(42);
        int bad = 0;
        for (int n = 0; n < 50_000; n++) {
            int len = 1 + rnd.nextInt(6);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < len; i++) {
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            Matcher m = regex.matcher(s);
            int count = 0;
            while (m.find()) {
                count++;
            }
            assertThat(Badness.isBad(s)).as(s).isEqualTo(count > 0);
            assertThat(Badness.badness(s)).as(s).isEqualTo(count);
            bad += count > 0 ? 1 : 0;
        }
        assertThat(bad).isGreaterThan(2_500); // the random strings do exercise the expression
    }

    @Test
    void flagsMojibakeButNotOrdinaryText() {
        assertThat(Badness.isBad("âœ” No problems")).isTrue();
        assertThat(Badness.isBad("doesnâ€™t")).isTrue();
        assertThat(Badness.isBad("Ã¡")).isTrue();
        assertThat(Badness.isBad("text\u0085")).isTrue(); // a C1 control that is also whitespace
        assertThat(Badness.isBad("naïve café — “quoted” 30°C £5 ½")).isFalse();
        assertThat(Badness.isBad("Привет, мир")).isFalse();
        assertThat(Badness.isBad("阿里巴巴")).isFalse();
    }
}
