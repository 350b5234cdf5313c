package io.djflink.job.cli;

import io.djflink.recipe.RuntimeSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code djflink settings}: the keys of a recipe's {@code djflink:} section, as a markdown table. */
@Command(name = "settings", mixinStandardHelpOptions = true,
        description = "List the keys of the recipe's djflink: section (sources, sinks, Kafka, checkpoints, event time) as a markdown table.")
final class SettingsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.print(RuntimeSettings.markdownTable());
        return 0;
    }
}
