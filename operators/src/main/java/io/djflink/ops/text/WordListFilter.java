package io.djflink.ops.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.ops.ParamException;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import io.djflink.ops.StatRangeFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Data-Juicer's word-list filters (flagged words, stop words): the share of a sample's refined
 * words (lower-cased, stripped of special characters, empties dropped, optionally augmented with
 * joined groups of consecutive words) that are in the list for {@code lang} ({@code all}: every
 * language's list together), 0.0 without words, capped at 1.0. Words come from {@link WordSource}
 * (whitespace, or a sentencepiece model with {@code tokenization: true}) and are shared with the
 * other word filters through the sample context.
 *
 * <p>The list is Data-Juicer's JSON file ({@code {"en": [...], "zh": [...]}}) in the directory the
 * op's {@code *_dir} parameter names. Data-Juicer downloads its lists into an asset cache; djflink
 * ships none and never downloads, so the directory must be given.
 */
abstract class WordListFilter extends StatRangeFilter {

    private final String stat;
    private final WordSource source;
    private final Set<String> list;
    private final List<Integer> augGroups;
    private final String augJoin;

    protected WordListFilter(Params p, String stat, String dirParam, String fileName) {
        super(p, stat, "min_ratio", "max_ratio");
        this.stat = stat;
        this.source = WordSource.of(p);
        this.list = load(p, dirParam, fileName);
        if (p.bool("use_words_aug")) {
            this.augGroups = new ArrayList<>();
            for (JsonNode g : p.json("words_aug_group_sizes")) {
                if (!g.canConvertToInt() || g.asInt() < 1) {
                    throw new ParamException("words_aug_group_sizes", "op " + p.op() + ": words_aug_group_sizes holds " + g
                            + ", not a positive int");
                }
                augGroups.add(g.asInt());
            }
        } else {
            this.augGroups = List.of();
        }
        this.augJoin = p.string("words_aug_join_char");
    }

    /** The parameters both filters share, after their own list directory. */
    static List<ParamSpec> wordListParams(String dirParam, String what, double minRatio, double maxRatio) {
        return List.of(
                ParamSpec.of("lang", ParamType.STRING, "en", "language of the " + what + " list ('all': every list together)"),
                ParamSpec.of("tokenization", ParamType.BOOL, false, "split words with a sentencepiece model (needs tokenizer_model)"),
                ParamSpec.of("min_ratio", ParamType.FLOAT, minRatio, "minimum share of " + what).allowNull(),
                ParamSpec.of("max_ratio", ParamType.FLOAT, maxRatio, "maximum share of " + what).allowNull(),
                ParamSpec.of(dirParam, ParamType.STRING, null, "directory holding Data-Juicer's " + what + " JSON list"
                        + " (Data-Juicer downloads it into its asset cache; djflink never downloads, so give the directory)").allowNull(),
                ParamSpec.of("use_words_aug", ParamType.BOOL, false, "also count joined groups of consecutive words (Chinese, Vietnamese)"),
                ParamSpec.of("words_aug_group_sizes", ParamType.LIST, List.of(2L), "sizes of the joined word groups"),
                ParamSpec.of("words_aug_join_char", ParamType.STRING, "", "what joins the words of a group"),
                Tokenization.modelParam("sentencepiece model"));
    }

    @Override
    public void open() throws IOException {
        source.open();
    }

    @Override
    public void computeStats(Sample sample, SampleContext ctx) {
        if (sample.hasStat(stat)) {
            return;
        }
        List<String> words = source.refinedLowerStripped(requireText(sample), ctx);
        if (!augGroups.isEmpty()) {
            words = augmented(words, augGroups, augJoin);
        }
        int hits = 0;
        for (String w : words) {
            if (list.contains(w)) {
                hits++;
            }
        }
        sample.stats().put(stat, words.isEmpty() ? 0.0 : Math.min(1.0, (double) hits / words.size()));
    }

    /** Data-Juicer's {@code words_refinement} augmentation: the words, then each group size's joined windows. */
    static List<String> augmented(List<String> words, List<Integer> groups, String join) {
        List<String> out = new ArrayList<>(words);
        for (int size : groups) {
            for (int i = 0; i + size <= words.size(); i++) {
                out.add(String.join(join, words.subList(i, i + size)));
            }
        }
        return out;
    }

    private static Set<String> load(Params p, String dirParam, String fileName) {
        if (p.isNull(dirParam)) {
            throw new ParamException(dirParam, "op " + p.op() + " needs " + dirParam + ": a directory holding Data-Juicer's "
                    + fileName + " (Data-Juicer downloads it; djflink ships none and never downloads)");
        }
        Path file = Path.of(p.string(dirParam)).toAbsolutePath().normalize().resolve(fileName);
        JsonNode lists;
        try {
            lists = Sample.JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ParamException(dirParam, "op " + p.op() + ": cannot read " + file + ": " + e.getMessage());
        }
        if (lists == null || !lists.isObject()) {
            throw new ParamException(dirParam, "op " + p.op() + ": " + file + " is not a JSON object of word lists by language");
        }
        String lang = p.string("lang");
        Set<String> words = new HashSet<>();
        Set<String> langs = new TreeSet<>();
        for (Iterator<String> it = lists.fieldNames(); it.hasNext(); ) {
            String l = it.next();
            langs.add(l);
            if (lang.equals("all") || lang.equals(l)) {
                for (JsonNode w : lists.get(l)) {
                    words.add(w.asText());
                }
            }
        }
        if (!lang.equals("all") && !langs.contains(lang)) {
            throw new ParamException("lang", "op " + p.op() + ": " + file + " has no list for lang '" + lang + "'; it has "
                    + langs + " (or 'all')");
        }
        return words;
    }
}
