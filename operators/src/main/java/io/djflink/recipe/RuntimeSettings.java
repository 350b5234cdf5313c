package io.djflink.recipe;

import io.djflink.ops.Suggest;
import io.djflink.recipe.RecipeException.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recipe's {@code djflink:} section: how the job reads, writes, checkpoints and orders time.
 * Data-Juicer has no such keys; a recipe without the section runs as a bounded job over its
 * {@code dataset_path} files. Nested maps and dotted keys are the same ({@code kafka:
 * {topics: x}} is {@code kafka.topics: x}), and {@code run -D key=value} sets any key.
 *
 * <p>String values may name secrets instead of holding them: {@code ${env:NAME}} is replaced by
 * the environment variable, {@code ${file:/path}} by the file's content (trailing newline
 * dropped). Both are resolved when the job is prepared, not when a recipe is only validated.
 */
public final class RuntimeSettings {

    /** The recipe key that holds the section. */
    public static final String SECTION = "djflink";

    /** The {@code checkpoint.interval} value that turns checkpoints off. */
    public static final String OFF = "off";

    /** How dedup orders samples: by input position at the end of a bounded input, or by event time as it goes. */
    public enum Mode { BATCH, STREAMING }

    public enum Source { FILES, FILES_CONTINUOUS, KAFKA }

    public enum Sink { FILES, KAFKA }

    public enum Delivery { EXACTLY_ONCE, AT_LEAST_ONCE, NONE }

    /** A documented key of the section. */
    public record Key(String name, String type, String defaultValue, String doc) {}

    /** Every key, in documentation order; {@code kafka.properties.*} and {@code flink.*} are open prefixes. */
    public static final List<Key> KEYS = List.of(
            new Key("mode", "batch|streaming", "batch for a bounded source, streaming otherwise",
                    "batch: dedup keeps Data-Juicer's earliest-in-input survivor, decided when input ends; "
                            + "streaming: decided as event time advances (watermarks), the earliest seen so far survives"),
            new Key("source", "files|files-continuous|kafka", "files", "where samples come from"),
            new Key("sink", "files|kafka", "files", "where kept samples go (files: export_path)"),
            new Key("kafka.bootstrap-servers", "str", "", "Kafka brokers, host:port[,host:port]"),
            new Key("kafka.topics", "list", "", "input topics"),
            new Key("kafka.topic-pattern", "str", "", "input topics as a regular expression (instead of kafka.topics)"),
            new Key("kafka.group-id", "str", "djflink-<project_name>", "consumer group (offsets are committed on checkpoints)"),
            new Key("kafka.starting-offsets", "earliest|latest|committed|timestamp:<epoch ms>", "committed",
                    "where a fresh job starts reading (committed falls back to earliest); a restore uses the checkpoint's offsets"),
            new Key("kafka.stopping-offsets", "none|latest|timestamp:<epoch ms>", "none",
                    "bounded replay: stop at the offsets current at start (latest) or at a timestamp; the job ends there"),
            new Key("kafka.output-topic", "str", "", "topic of kept samples (sink: kafka)"),
            new Key("kafka.trace-topic", "str", "", "topic of tracer records (key: the tracer file name); unset: work_dir/trace"),
            new Key("kafka.errors-topic", "str", "", "dead-letter topic of malformed records and op failures; unset: work_dir/errors"),
            new Key("kafka.delivery", "exactly-once|at-least-once|none", "exactly-once",
                    "Kafka sink guarantee (exactly-once writes in transactions committed on checkpoints)"),
            new Key("kafka.transactional-id-prefix", "str", "djflink-<project_name>",
                    "prefix of the sink's transactional ids; unique per job writing to the same cluster"),
            new Key("kafka.properties.*", "str", "", "any Kafka client property, passed to consumer and producers as is"),
            new Key("checkpoint.interval", "duration|off", "10s", "checkpoint interval (RocksDB state, source offsets, sink commits); "
                    + "off: no checkpoints, for a bounded job whose sinks commit at the end of input (files, Kafka at-least-once or none); "
                    + "a failure then restarts the job from the beginning"),
            new Key("checkpoint.dir", "str", "<work_dir>/checkpoints", "where checkpoints go (any Flink filesystem URI)"),
            new Key("event-time.field", "str", "", "sample field with the event time in epoch milliseconds (file sources); "
                    + "Kafka sources use the record timestamp"),
            new Key("watermark.out-of-orderness", "duration", "0s", "how late a sample may arrive behind newer ones and still be ordered by its event time"),
            new Key("watermark.idle-timeout", "duration", "30s", "a partition or file reader without data for this long stops holding back event time"),
            new Key("files.monitor-interval", "duration", "10s", "how often files-continuous looks for new files"),
            new Key("files.split-mb", "int", "auto", "batch mode: plain (not gzip) files are read in chunks of about this many MB, "
                    + "cut at line breaks, so that all readers share a large file; auto: at least 16, the plain files' total "
                    + "over 4 chunks per reader (files are not cut when there are enough of them)"),
            new Key("dedup-state", "keep|reset", "keep",
                    "on a restore, keep: refuse to start when a deduplicator's state is not in the savepoint (the recipe changed "
                            + "before it); reset: start that dedup state afresh"),
            new Key("async.enabled", "true|false", "true",
                    "true: ops on remote models (LLM ops) run in an async stage with many samples in flight; false: they run "
                            + "inline in their fused chain, one sample at a time (a split mapper such as generate_qa_from_text_mapper "
                            + "always runs async)"),
            new Key("async.capacity", "int", "100", "samples in flight per task in an async stage (an op's async_capacity wins)"),
            new Key("async.timeout", "duration", "10m",
                    "how long a sample may take in an async stage, retries included, before it goes to the error output "
                            + "(an op's async_timeout wins)"),
            new Key("async.ordered", "true|false", "false",
                    "false: an async stage emits samples as their replies come; true: in input order (head-of-line waits); "
                            + "dedup and event time do not depend on it"),
            new Key("flink.*", "str", "", "any Flink configuration key, e.g. flink.restart-strategy.type: exponential-delay"));

    /** The keys as a markdown table (docs/streaming.md holds it; a test keeps it current). */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder("| key (under `djflink:`) | values | default | what it does |\n|---|---|---|---|\n");
        for (Key k : KEYS) {
            sb.append("| `").append(k.name()).append("` | ").append(k.type().replace("|", " \\| ")).append(" | ")
                    .append(k.defaultValue().isEmpty() ? "" : k.defaultValue().replace("|", "\\|")).append(" | ")
                    .append(k.doc().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    private final Map<String, String> values;
    private final Map<String, Integer> lines;

    private RuntimeSettings(Map<String, String> values, Map<String, Integer> lines) {
        this.values = values;
        this.lines = lines;
    }

    /** Reads the section of a loaded recipe, resolving {@code ${env:..}} and {@code ${file:..}}. */
    public static RuntimeSettings of(Recipe recipe) {
        return of(recipe, System::getenv);
    }

    /** {@link #of(Recipe)} with another environment (tests, validation without secrets). */
    public static RuntimeSettings of(Recipe recipe, Function<String, String> env) {
        List<Problem> problems = new ArrayList<>();
        RuntimeSettings s = read(recipe, problems);
        Map<String, String> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : s.values.entrySet()) {
            resolved.put(e.getKey(), resolve(e.getKey(), e.getValue(), s.line(e.getKey()), env, problems));
        }
        if (!problems.isEmpty()) {
            throw new RecipeException(recipe.source(), problems);
        }
        return new RuntimeSettings(resolved, s.lines);
    }

    /**
     * Checks the section of a recipe, adding a problem (with its line) for every bad key or value;
     * returns the settings as written ({@code ${env:..}} and {@code ${file:..}} not resolved).
     */
    static RuntimeSettings check(Recipe recipe, List<Problem> problems) {
        return read(recipe, problems);
    }

    @SuppressWarnings("unchecked")
    private static RuntimeSettings read(Recipe recipe, List<Problem> problems) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        Object section = recipe.globals().get(SECTION);
        if (section == null) {
            return new RuntimeSettings(values, lines);
        }
        if (!(section instanceof Map)) {
            problems.add(new Problem(recipe.lineOf(SECTION), "'djflink' must be a mapping of settings; keys: " + keyNames()));
            return new RuntimeSettings(values, lines);
        }
        for (Map.Entry<String, Object> e : ((Map<String, Object>) section).entrySet()) {
            String key = e.getKey();
            int line = recipe.lineOf(SECTION + "." + key);
            if (line == 0) {
                line = recipe.lineOf(SECTION);
            }
            lines.put(key, line);
            Object v = e.getValue();
            // YAML 1.1 reads a bare off as false.
            if (Boolean.FALSE.equals(v) && key.equals("checkpoint.interval")) {
                v = OFF;
            }
            String err = checkValue(key, v);
            if (err != null) {
                problems.add(new Problem(line, "djflink." + key + ": " + err));
                continue;
            }
            values.put(key, v instanceof List ? String.join(",", ((List<Object>) v).stream().map(String::valueOf).toList())
                    : String.valueOf(v));
        }
        if (values.containsKey("kafka.topics") && values.containsKey("kafka.topic-pattern")) {
            problems.add(new Problem(lines.get("kafka.topic-pattern"), "djflink: set kafka.topics or kafka.topic-pattern, not both"));
        }
        RuntimeSettings s = new RuntimeSettings(values, lines);
        if (s.source() == Source.KAFKA || s.sink() == Sink.KAFKA) {
            if (!values.containsKey("kafka.bootstrap-servers")) {
                problems.add(new Problem(recipe.lineOf(SECTION), "djflink: a Kafka " + (s.source() == Source.KAFKA ? "source" : "sink")
                        + " needs kafka.bootstrap-servers"));
            }
        }
        if (s.source() == Source.KAFKA && !values.containsKey("kafka.topics") && !values.containsKey("kafka.topic-pattern")) {
            problems.add(new Problem(s.line("source"), "djflink: source kafka needs kafka.topics or kafka.topic-pattern"));
        }
        if (s.sink() == Sink.KAFKA && !values.containsKey("kafka.output-topic")) {
            problems.add(new Problem(s.line("sink"), "djflink: sink kafka needs kafka.output-topic"));
        }
        if (s.source() == Source.FILES_CONTINUOUS && values.containsKey("mode") && s.mode() == Mode.BATCH) {
            problems.add(new Problem(s.line("mode"), "djflink: mode batch needs a bounded source; files-continuous never ends"));
        }
        if (s.source() == Source.KAFKA && s.mode() == Mode.BATCH && s.str("kafka.stopping-offsets", "none").equals("none")) {
            problems.add(new Problem(s.line("mode"), "djflink: mode batch on Kafka needs kafka.stopping-offsets (latest or timestamp:<ms>)"));
        }
        if (s.checkpointsOff()) {
            String why = s.checkpointsNeededBy();
            if (why != null) {
                problems.add(new Problem(s.line("checkpoint.interval"), "djflink: checkpoint.interval off: " + why));
            }
        }
        return s;
    }

    private static String checkValue(String key, Object v) {
        if (key.startsWith("kafka.properties.") || key.startsWith("flink.")) {
            return v instanceof Map || v instanceof List || v == null ? "must be a single value" : null;
        }
        Key k = KEYS.stream().filter(x -> x.name().equals(key)).findFirst().orElse(null);
        if (k == null) {
            return "unknown key" + Suggest.didYouMean(key, keyNames()) + "; keys: " + String.join(", ", keyNames());
        }
        if (v == null || v instanceof Map) {
            return "must be " + (k.type().equals("list") ? "a list or a comma-separated string" : "a single value") + " (" + k.type() + ")";
        }
        if (v instanceof List && !k.type().equals("list")) {
            return "must be a single value (" + k.type() + ")";
        }
        String s = String.valueOf(v);
        if (k.type().equals("int")) {
            try {
                if (Integer.parseInt(s.trim()) < 1) {
                    return "must be a positive integer";
                }
            } catch (NumberFormatException e) {
                return "'" + s + "' is not an integer";
            }
            return null;
        }
        if (k.type().startsWith("duration")) {
            if (k.type().endsWith("|off") && s.trim().equalsIgnoreCase(OFF)) {
                return null;
            }
            try {
                parseDuration(s);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        } else if (k.type().contains("|")) {
            List<String> choices = List.of(k.type().split("\\|"));
            String t = s.toLowerCase(Locale.ROOT);
            boolean ok = choices.contains(t) || (t.startsWith("timestamp:") && choices.contains("timestamp:<epoch ms>")
                    && t.substring(10).matches("\\d+"));
            if (!ok) {
                return "'" + s + "' is not one of " + String.join(", ", choices) + Suggest.didYouMean(t, choices);
            }
        }
        return null;
    }

    /** Whether {@code key} is a key of the section (one of {@link #KEYS}, or under kafka.properties. or flink.). */
    public static boolean isKey(String key) {
        return key.startsWith("kafka.properties.") || key.startsWith("flink.") || keyNames().contains(key);
    }

    private static List<String> keyNames() {
        return KEYS.stream().map(Key::name).toList();
    }

    private static final Pattern REF = Pattern.compile("\\$\\{(env|file):([^}]+)}");

    private static String resolve(String key, String value, int line, Function<String, String> env, List<Problem> problems) {
        Matcher m = REF.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2).trim();
            String got;
            if (m.group(1).equals("env")) {
                got = env.apply(name);
                if (got == null) {
                    problems.add(new Problem(line, "djflink." + key + ": environment variable " + name + " is not set"));
                    got = "";
                }
            } else {
                try {
                    got = Files.readString(Path.of(name), StandardCharsets.UTF_8).replaceFirst("\\R\\z", "");
                } catch (IOException e) {
                    problems.add(new Problem(line, "djflink." + key + ": cannot read " + name + ": " + e));
                    got = "";
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(got));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code 10s}, {@code 500ms}, {@code 5m}, {@code 1h}, or plain seconds. */
    public static Duration parseDuration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        Matcher m = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)?").matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + s + "' is not a duration (examples: 500ms, 10s, 5m, 1h)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m", "min" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    private int line(String key) {
        return lines.getOrDefault(key, 0);
    }

    /** A raw value, or the default. */
    public String str(String key, String def) {
        String v = values.get(key);
        return v == null || v.isEmpty() ? def : v;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Source source() {
        return enumValue(Source.class, "source", Source.FILES);
    }

    public Sink sink() {
        return enumValue(Sink.class, "sink", Sink.FILES);
    }

    /** Whether the source ends by itself (files, or Kafka with stopping offsets). */
    public boolean boundedSource() {
        return source() == Source.FILES || (source() == Source.KAFKA && !str("kafka.stopping-offsets", "none").equalsIgnoreCase("none"));
    }

    public Mode mode() {
        return enumValue(Mode.class, "mode", boundedSource() ? Mode.BATCH : Mode.STREAMING);
    }

    public Delivery delivery() {
        return enumValue(Delivery.class, "kafka.delivery", Delivery.EXACTLY_ONCE);
    }

    /** Whether {@code checkpoint.interval} is {@code off}. */
    public boolean checkpointsOff() {
        return str("checkpoint.interval", "").trim().equalsIgnoreCase(OFF);
    }

    /**
     * Why this job cannot run without checkpoints, or null if it can. Without checkpoints only a
     * bounded job's sinks commit (at the end of input), and Kafka transactions commit on
     * checkpoints only, so exactly-once delivery would never make anything visible.
     */
    public String checkpointsNeededBy() {
        if (!boundedSource()) {
            return "an unbounded source commits its outputs and offsets on checkpoints only";
        }
        boolean kafkaSink = sink() == Sink.KAFKA || has("kafka.trace-topic") || has("kafka.errors-topic");
        if (kafkaSink && delivery() == Delivery.EXACTLY_ONCE) {
            return "kafka.delivery exactly-once commits its transactions on checkpoints; use at-least-once or none";
        }
        return null;
    }

    public Duration duration(String key, Duration def) {
        return values.containsKey(key) ? parseDuration(values.get(key)) : def;
    }

    /** Whether async ops get their own stage ({@code async.enabled}). */
    public boolean asyncStages() {
        return Boolean.parseBoolean(str("async.enabled", "true"));
    }

    public int integer(String key, int def) {
        return values.containsKey(key) ? Integer.parseInt(values.get(key).trim()) : def;
    }

    public List<String> list(String key) {
        String v = values.get(key);
        return v == null ? List.of() : List.of(v.split("\\s*,\\s*"));
    }

    /** The keys under a prefix, with the prefix removed ({@code kafka.properties.}, {@code flink.}). */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, String key, E def) {
        String v = values.get(key);
        return v == null ? def : Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
