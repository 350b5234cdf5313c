package io.djflink.ops.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.djflink.ops.BaseFilter;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamException;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import io.djflink.ops.model.FastTextModel;
import io.djflink.ops.model.FastTextPredictor;
import io.djflink.ops.model.ModelFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps samples in the given language(s) whose language-identification score is at least
 * {@code min_score}. Stats {@code lang} (the top fastText label without {@code __label__}) and
 * {@code lang_score} (its probability) are computed on the lower-cased text with newlines
 * replaced by spaces, as Data-Juicer does. An empty {@code lang} keeps any language; the language
 * test is not affected by {@code reversed_range}, the score bound is.
 *
 * <p>The model is fastText's lid.176 ({@code models/lid.176.ftz}, put in place at build time by
 * {@code tools/models/fetch-lid-176.sh}); {@code model_path} names another file, e.g.
 * Data-Juicer's {@code lid.176.bin}. It is never downloaded at run time. All instances in a JVM
 * share one loaded model.
 */
public final class LanguageIdScoreFilter extends BaseFilter {

    static final String LANG = "lang";
    static final String SCORE = "lang_score";
    /** Where the build puts the model, relative to the djflink home. */
    static final String DEFAULT_MODEL = "models/lid.176.ftz";
    static final String FETCH_STEP = "the build step 'fetch lid.176 model' (tools/models/fetch-lid-176.sh, run by "
            + "`mvn -B verify` and `mvn -B package`)";

    private final Set<String> langs;
    private final Double minScore;
    private final Path modelPath;
    private FastTextPredictor predictor;
    private final StringBuilder line = new StringBuilder();

    LanguageIdScoreFilter(Params p) {
        super(p);
        List<String> l = p.strings("lang");
        // Data-Juicer: '', [] and None all mean any language
        this.langs = l.isEmpty() || (p.raw("lang") instanceof String && l.get(0).isEmpty()) ? null : Set.copyOf(l);
        this.minScore = p.numberOrNull("min_score");
        this.modelPath = resolveModel(p);
    }

    @Override
    public void open() throws IOException {
        if (predictor == null) {
            predictor = FastTextModel.shared(modelPath).newPredictor();
        }
    }

    @Override
    public void computeStats(Sample sample, SampleContext ctx) {
        if (sample.hasStat(LANG) && sample.hasStat(SCORE)) {
            return;
        }
        if (predictor == null) {
            try {
                open();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (predictor.predict(djInput(requireText(sample)), 1, 0f) == 0) {
            // Data-Juicer indexes an empty prediction and fails the same way
            throw new IllegalStateException("fastText predicted no language for this text");
        }
        sample.stats().put(LANG, predictor.label(0).replace("__label__", ""));
        sample.stats().put(SCORE, (double) predictor.probability(0));
    }

    /**
     * Data-Juicer's {@code text.lower().replace("\n", " ")} in one pass into a reused buffer.
     * Lower-casing code point by code point equals String's except for U+0130 (which lowers to
     * two chars) and capital sigma (final form depends on the neighbours); texts with those take
     * String's own path.
     */
    CharSequence djInput(String text) {
        StringBuilder b = line;
        b.setLength(0);
        int n = text.length();
        for (int i = 0; i < n; ) {
            int cp = text.codePointAt(i);
            if (cp == '\n') {
                b.append(' ');
            } else if (cp < 0x80) {
                b.append((char) (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
            } else if (cp == 0x130 || cp == 0x3A3) {
                return text.toLowerCase(Locale.ROOT).replace('\n', ' ');
            } else {
                b.appendCodePoint(Character.toLowerCase(cp));
            }
            i += Character.charCount(cp);
        }
        return b;
    }

    @Override
    public boolean keep(Sample sample) {
        double score = stat(sample, SCORE);
        if (langs != null) {
            JsonNode lang = sample.stats().get(LANG);
            if (lang == null || !lang.isTextual()) {
                throw new IllegalArgumentException("stat '" + LANG + "' is " + (lang == null ? "missing" : lang.toString()) + ", not a string");
            }
            if (!langs.contains(lang.textValue())) {
                return false;
            }
        }
        return inRange(score, minScore, null);
    }

    @Override
    public List<String> statKeys() {
        return List.of(LANG, SCORE);
    }

    /** The model file: {@code model_path} if given, else the first {@value #DEFAULT_MODEL} of the djflink home or a parent of the working directory. */
    private static Path resolveModel(Params p) {
        if (!p.isNull("model_path")) {
            Path path = Path.of(p.string("model_path")).toAbsolutePath().normalize();
            if (!Files.isRegularFile(path)) {
                throw new ParamException("model_path", "op " + p.op() + ": model_path " + path
                        + " is not a file; djflink never downloads models (" + FETCH_STEP + " fetches lid.176.ftz)");
            }
            return path;
        }
        List<Path> tried = new ArrayList<>();
        for (Path candidate : defaultModelCandidates()) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            tried.add(candidate);
        }
        throw new ParamException("model_path", "op " + p.op() + " needs fastText's lid.176 model, not found at "
                + tried + ". Fetch it with " + FETCH_STEP + ", or set model_path; djflink never downloads models at run time");
    }

    /** Where the default model may be: see {@link ModelFiles#candidates}. */
    static List<Path> defaultModelCandidates() {
        return ModelFiles.candidates(DEFAULT_MODEL);
    }

    /** Registers {@code language_id_score_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "language_id_score_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose fastText lid.176 language (lang) is one of lang (any when empty) with score"
                    + " lang_score >= min_score; the model comes from the build (models/lid.176.ftz), never from the network";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("lang", ParamType.STRING_OR_LIST, "",
                            "language code(s) to keep, e.g. 'en' or ['en', 'zh']; empty keeps any language").allowNull(),
                    ParamSpec.of("min_score", ParamType.FLOAT, 0.8, "minimum language-identification score"),
                    ParamSpec.of("model_path", ParamType.STRING, null,
                            "djflink extension: the fastText model file; default models/lid.176.ftz under the djflink home"
                                    + " ($DJFLINK_HOME) or the working directory or a parent"));
        }

        @Override
        public Op create(Params p) {
            return new LanguageIdScoreFilter(p);
        }
    }
}
