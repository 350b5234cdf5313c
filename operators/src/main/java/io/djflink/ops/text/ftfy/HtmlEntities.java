package io.djflink.ops.text.ftfy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ftfy's {@code unescape_html}: decodes HTML character references that end in a semicolon, using
 * the HTML5 entity table, plus all-caps forms of lowercase entity names (so "P&amp;EACUTE;REZ"
 * reads "PÉREZ"). Numeric references follow Python's {@code html.unescape} rules.
 *
 * <p>The entity table ({@code html-entities.tsv}) was generated from Python's
 * {@code html.entities.html5} with ftfy's rules for the all-caps forms.
 */
final class HtmlEntities {

    private static final Pattern HTML_ENTITY_RE = Pattern.compile("&#?[0-9A-Za-z]{1,24};");
    private static final Map<String, String> ENTITIES = load();

    private HtmlEntities() {}

    private static Map<String, String> load() {
        Map<String, String> map = new HashMap<>(4096);
        try (InputStream in = HtmlEntities.class.getResourceAsStream("html-entities.tsv")) {
            if (in == null) {
                throw new IllegalStateException("html-entities.tsv missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                int tab = line.indexOf('\t');
                StringBuilder value = new StringBuilder(2);
                for (String hex : line.substring(tab + 1).split(" ")) {
                    value.appendCodePoint(Integer.parseInt(hex, 16));
                }
                map.put(line.substring(0, tab), value.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return map;
    }

    static String unescape(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = HTML_ENTITY_RE.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int last = 0;
        do {
            String ref = m.group();
            String rep = replacement(ref);
            sb.append(text, last, m.start()).append(rep);
            last = m.end();
        } while (m.find());
        sb.append(text, last, text.length());
        return sb.toString();
    }

    private static String replacement(String ref) {
        String named = ENTITIES.get(ref);
        if (named != null) {
            return named;
        }
        if (!ref.startsWith("&#")) {
            return ref;
        }
        String decoded = numericReference(ref.substring(2, ref.length() - 1));
        // Like ftfy: when html.unescape would not consume the ';' (or produces one), keep the text.
        if (decoded == null || decoded.indexOf(';') >= 0) {
            return ref;
        }
        return decoded;
    }

    /** Python's html.unescape of "&#" + body + ";", or null if it would not be a full reference. */
    private static String numericReference(String body) {
        long num;
        if (body.charAt(0) == 'x' || body.charAt(0) == 'X') {
            String hex = body.substring(1);
            if (hex.isEmpty() || !hex.chars().allMatch(HtmlEntities::isHex)) {
                return null;
            }
            num = parseCapped(hex, 16);
        } else {
            if (!body.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            num = parseCapped(body, 10);
        }
        if (num == 0x00) {
            return "\uFFFD";
        }
        if (num == 0x0D) {
            return "\r";
        }
        if (num >= 0x80 && num <= 0x9F) {
            // Browsers (and Python) read these as Windows-1252.
            return String.valueOf(Charmaps.SLOPPY_1252.decode[(int) num]);
        }
        if ((num >= 0xD800 && num <= 0xDFFF) || num > 0x10FFFF) {
            return "\uFFFD";
        }
        int cp = (int) num;
        if ((cp >= 0x01 && cp <= 0x08) || cp == 0x0B || (cp >= 0x0E && cp <= 0x1F)
                || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0xFDD0 && cp <= 0xFDEF)
                || (cp & 0xFFFE) == 0xFFFE) {
            return "";
        }
        return new String(Character.toChars(cp));
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static long parseCapped(String digits, int radix) {
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            v = v * radix + Character.digit(digits.charAt(i), radix);
            if (v > 0x10FFFF) {
                return 0x110000; // anything past the last code point decodes the same way
            }
        }
        return v;
    }
}
