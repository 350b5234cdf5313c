package io.djflink.recipe;

import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.ParamException;
import io.djflink.ops.Suggest;
import io.djflink.recipe.RecipeException.Problem;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a loaded recipe against the op registry before anything runs: every op exists, every
 * parameter is known, typed and in range, the input exists. All problems are reported at once,
 * each with its recipe line.
 */
public final class RecipeValidator {

    /** Op kinds the planner can place today. */
    private static final List<OpKind> RUNNABLE = List.of(OpKind.MAPPER, OpKind.FILTER, OpKind.DEDUPLICATOR);

    private RecipeValidator() {}

    /**
     * Validates and returns the process list with the global arguments injected into every op
     * (text_key from text_keys, skip_op_error, work_dir, media keys), as Data-Juicer's loader does.
     *
     * @param requireDataset whether {@code dataset_path} must name existing input
     */
    public static List<OpConfig> validate(Recipe recipe, OpRegistry registry, boolean requireDataset) {
        List<Problem> problems = new ArrayList<>();
        List<OpConfig> resolved = collect(recipe, registry, requireDataset, problems);
        throwIfAny(recipe.source(), problems);
        return resolved;
    }

    /** A loaded and validated recipe: the recipe and its ops with the global arguments injected. */
    public record Validated(Recipe recipe, List<OpConfig> ops) {}

    /**
     * Loads and validates a recipe file in one go, so that problems with global keys and with
     * ops are reported together in one {@link RecipeException}, ordered by line.
     */
    public static Validated loadAndValidate(Path file, OpRegistry registry, boolean requireDataset) {
        return check(RecipeLoader.read(file), registry, requireDataset);
    }

    /** {@link #loadAndValidate} for recipe text; {@code source} names it in messages. */
    public static Validated parseAndValidate(String source, String yaml, OpRegistry registry, boolean requireDataset) {
        return check(RecipeLoader.read(source, null, new StringReader(yaml)), registry, requireDataset);
    }

    private static Validated check(RecipeLoader.Loaded loaded, OpRegistry registry, boolean requireDataset) {
        List<Problem> problems = new ArrayList<>(loaded.problems());
        List<OpConfig> resolved = collect(loaded.recipe(), registry, requireDataset, problems);
        throwIfAny(loaded.recipe().source(), problems);
        return new Validated(loaded.recipe(), resolved);
    }

    private static void throwIfAny(String source, List<Problem> problems) {
        if (!problems.isEmpty()) {
            List<Problem> byLine = new ArrayList<>(problems);
            byLine.sort(Comparator.comparingInt(Problem::line));
            throw new RecipeException(source, byLine);
        }
    }

    private static List<OpConfig> collect(Recipe recipe, OpRegistry registry, boolean requireDataset, List<Problem> problems) {
        List<OpConfig> resolved = new ArrayList<>();
        for (OpConfig op : recipe.process()) {
            OpFactory factory;
            try {
                factory = registry.factory(op.name());
            } catch (ParamException e) {
                problems.add(new Problem(op.line(), e.getMessage()));
                continue;
            }
            if (!RUNNABLE.contains(factory.kind())) {
                problems.add(new Problem(op.line(), "op '" + op.name() + "' is a " + factory.kind().label()
                        + "; djflink runs mappers, filters and deduplicators"));
                continue;
            }
            OpConfig withGlobals = op.withArgs(inject(recipe, op.args()));
            List<ParamException> bad = factory.check(withGlobals.args());
            if (!bad.isEmpty()) {
                for (ParamException e : bad) {
                    problems.add(new Problem(op.lineOf(e.param()), "op '" + op.name() + "': " + e.getMessage()));
                }
                continue;
            }
            try (Op created = factory.create(withGlobals.args())) {
                resolved.add(withGlobals);
            } catch (ParamException e) {
                problems.add(new Problem(op.lineOf(e.param()), "op '" + op.name() + "': " + e.getMessage()));
            } catch (Exception e) {
                problems.add(new Problem(op.line(), "op '" + op.name() + "' cannot be created: " + e.getMessage()));
            }
        }
        List<String> names = recipe.process().stream().map(OpConfig::name).toList();
        for (String traced : recipe.opListToTrace()) {
            if (!names.contains(traced)) {
                problems.add(new Problem(recipe.lineOf("op_list_to_trace"), "op_list_to_trace names '" + traced
                        + "', which is not in the process list" + Suggest.didYouMean(traced, names)));
            }
        }
        int before = problems.size();
        RuntimeSettings settings = RuntimeSettings.check(recipe, problems);
        if (requireDataset && recipe.globals().get(RuntimeSettings.SECTION) != null) {
            // Only a valid section that reads fixed files needs dataset_path; secrets are not resolved here.
            requireDataset = problems.size() == before && settings.source() == RuntimeSettings.Source.FILES;
        }
        if (requireDataset) {
            try {
                DatasetFiles.resolve(recipe);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(recipe.lineOf("dataset_path"), e.getMessage()));
            }
        }
        return resolved;
    }

    private static Map<String, Object> inject(Recipe recipe, Map<String, Object> args) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> g = recipe.globals();
        out.put("text_key", recipe.textKeys().get(0));
        for (String k : List.of("image_key", "audio_key", "video_key", "image_bytes_key", "turbo")) {
            if (g.get(k) != null) {
                out.put(k, g.get(k));
            }
        }
        out.put("skip_op_error", recipe.skipOpError());
        out.put("work_dir", recipe.workDir());
        out.putAll(args);
        return out;
    }
}
