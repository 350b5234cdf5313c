package io.djflink.recipe;

import java.util.List;

/** A recipe that cannot run; the message lists every problem as {@code file:line: message}. */
public class RecipeException extends RuntimeException {

    private final List<String> problems;

    public RecipeException(String source, List<Problem> problems) {
        super(format(source, problems));
        this.problems = problems.stream().map(p -> p.format(source)).toList();
    }

    public RecipeException(String source, Problem problem) {
        this(source, List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }

    private static String format(String source, List<Problem> problems) {
        StringBuilder sb = new StringBuilder();
        sb.append("recipe ").append(source).append(" is invalid (")
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append("):");
        for (Problem p : problems) {
            sb.append("\n  ").append(p.format(source));
        }
        return sb.toString();
    }

    /** One problem at a recipe line (0 when it has none). */
    public record Problem(int line, String message) {
        String format(String source) {
            return line > 0 ? source + ":" + line + ": " + message : source + ": " + message;
        }
    }
}
