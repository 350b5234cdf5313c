package io.djflink.job.cli;

import io.djflink.job.WebUi;
import java.util.Map;
import java.util.Stack;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Lets {@code --web-ui} take its port optionally without swallowing the recipe path:
 * {@code --web-ui recipe.yaml} means the default port, {@code --web-ui 9000} and
 * {@code --web-ui=9000} mean port 9000. Picocli alone would take any next word as the port.
 */
final class WebUiPortPreprocessor implements IParameterPreprocessor {

    @Override
    public boolean preprocess(Stack<String> args, CommandSpec commandSpec, ArgSpec argSpec, Map<String, Object> info) {
        boolean attached = !" ".equals(info.get("separator"));
        if (!attached && (args.isEmpty() || !args.peek().matches("\\d{1,5}"))) {
            args.push(String.valueOf(WebUi.DEFAULT_PORT));
        }
        return false;
    }
}
