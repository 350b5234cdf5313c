package io.djflink.ops.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Data-Juicer's word helpers (ops.md Appendix B): whitespace splitting, word refinement and the
 * names under which fused ops share words in the {@link io.djflink.ops.SampleContext}.
 */
public final class Words {

    private Words() {}

    /** Context name of the raw words when no tokenizer model is used ({@code model_key} None). */
    public static final String WORDS_CONTEXT = "__dj__words-None";

    /**
     * Context name of words lower-cased and stripped of special characters, spelled as
     * Data-Juicer spells it (lower_case, strip chars, words aug, aug group sizes, join char).
     */
    public static final String REFINED_LOWER_STRIPPED_CONTEXT = "__dj__refined_words-True-SPECIAL_CHARS-False-[2]-";

    /**
     * {@code split_on_whitespace(doc, new_line, tab)}: splits on the space character, and on
     * {@code \n} / {@code \t} when enabled, dropping empty pieces. Other whitespace (CR, NBSP...)
     * stays inside words, as in Data-Juicer.
     */
    public static List<String> splitOnWhitespace(String doc, boolean newLine, boolean tab) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = doc.length();
        for (int i = 0; i < n; i++) {
            char c = doc.charAt(i);
            if (c == ' ' || (newLine && c == '\n') || (tab && c == '\t')) {
                if (i > start) {
                    out.add(doc.substring(start, i));
                }
                start = i + 1;
            }
        }
        if (n > start) {
            out.add(start == 0 ? doc : doc.substring(start));
        }
        return out;
    }

    /** {@code get_words_from_document} without a tokenizer: split on space, newline and tab. */
    public static List<String> fromDocument(String doc) {
        return splitOnWhitespace(doc, true, true);
    }

    /**
     * {@code words_refinement(words, lower_case, strip_chars=SPECIAL_CHARACTERS or None)} without
     * word augmentation: optional Python {@code str.lower()}, optional stripping of special
     * characters at both ends, then empties dropped (only when stripping, as Data-Juicer does).
     */
    public static List<String> refine(List<String> words, boolean lowerCase, boolean stripSpecial) {
        List<String> out = new ArrayList<>(words.size());
        for (String w : words) {
            if (lowerCase) {
                w = lower(w);
            }
            if (stripSpecial) {
                w = SpecialCharacters.strip(w);
                if (w.isEmpty()) {
                    continue;
                }
            }
            out.add(w);
        }
        return out;
    }

    /**
     * Python {@code str.lower()}: full Unicode lower-case mapping (U+0130 becomes two code points,
     * a final capital sigma becomes ς), independent of the JVM's default locale.
     */
    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Data-Juicer's {@code strip(document, SPECIAL_CHARACTERS)}. */
    public static String stripSpecial(String s) {
        return SpecialCharacters.strip(s);
    }
}
