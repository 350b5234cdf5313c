package io.djflink.job.cli;

import io.djflink.ops.OpRegistry;
import io.djflink.recipe.OpConfig;
import io.djflink.recipe.Recipe;
import io.djflink.recipe.RecipeException;
import io.djflink.recipe.RecipeLoader;
import io.djflink.recipe.RecipeValidator;
import io.djflink.run.Plan;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code djflink validate RECIPE.yaml}: checks a recipe without running it. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a recipe (ops, parameters, input) without running it; exit 0 if it can run.")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    RecipeOptions recipe;

    @Override
    public Integer call() {
        try {
            Recipe r = recipe.load();
            List<OpConfig> ops = RecipeValidator.validate(r, OpRegistry.get(), true);
            Plan plan = Plan.of(ops, OpRegistry.get(), io.djflink.recipe.RuntimeSettings.of(r, name -> "").asyncStages());
            for (String key : r.globals().keySet()) {
                if (!RecipeLoader.isUsedKey(key)) {
                    System.out.println("note: " + r.source() + ":" + r.lineOf(key) + ": global key '" + key
                            + "' is accepted for compatibility and has no effect in djflink");
                }
            }
            System.out.println(r.source() + ": valid, " + ops.size() + " ops");
            System.out.println("plan: " + plan.describe());
            return 0;
        } catch (RecipeException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }
}
