package io.djflink.ops.llm;

import java.util.List;
import java.util.Map;

/**
 * The subset of Python's {@code str.format} that Data-Juicer's prompt templates use: named
 * fields {@code {name}}, automatic positional fields {@code {}}, and {@code {{ }}} escapes. Format
 * specs and attribute access are not templates' business and are refused.
 */
public final class PyFormat {

    private PyFormat() {}

    /** Formats {@code template} with named values and, for {@code {}} fields, positional ones. */
    public static String format(String template, Map<String, String> named, List<String> positional) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        int auto = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{') {
                if (i + 1 < template.length() && template.charAt(i + 1) == '{') {
                    out.append('{');
                    i++;
                    continue;
                }
                int end = template.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("template has a '{' without its '}': " + template);
                }
                String field = template.substring(i + 1, end);
                String v;
                if (field.isEmpty()) {
                    if (auto >= positional.size()) {
                        throw new IllegalArgumentException("template has more {} fields than values");
                    }
                    v = positional.get(auto++);
                } else if (field.matches("\\d+")) {
                    v = positional.get(Integer.parseInt(field));
                } else {
                    v = named.get(field);
                    if (v == null) {
                        throw new IllegalArgumentException("template field {" + field + "} is not one of " + named.keySet());
                    }
                }
                out.append(v);
                i = end;
            } else if (c == '}') {
                if (i + 1 < template.length() && template.charAt(i + 1) == '}') {
                    i++;
                }
                out.append('}');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
