package io.djflink.recipe;

import io.djflink.ops.Suggest;
import io.djflink.recipe.RecipeException.Problem;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a Data-Juicer recipe (YAML) keeping the line of every key, so that later validation can
 * point at the line to fix. Checks the shape and the global keys here; op parameters are checked
 * by {@link RecipeValidator}.
 */
public final class RecipeLoader {

    /** Global keys djflink acts on, with the type each must have. */
    static final Map<String, String> USED_KEYS = new LinkedHashMap<>();

    /** Data-Juicer global keys accepted so that published recipes load; djflink does not act on them. */
    static final Set<String> ACCEPTED_KEYS =
            Set.of(
                    "config", "executor_type", "dataset", "generated_dataset_config", "validators",
                    "export_type", "export_shard_size", "export_in_parallel", "export_extra_args",
                    "export_aws_credentials", "keep_hashes_in_res_ds", "image_key", "image_bytes_key",
                    "audio_key", "video_key", "image_special_token", "audio_special_token",
                    "video_special_token", "eoc_special_token", "turbo", "use_cache", "ds_cache_dir",
                    "cache_compress", "open_monitor", "use_checkpoint", "temp_dir",
                    "open_insight_mining", "op_list_to_mine", "op_fusion", "fusion_strategy",
                    "adaptive_batch_size", "percentiles", "export_original_dataset",
                    "save_stats_in_one_file", "ray_address", "auto", "auto_num", "data_probe_algo",
                    "data_probe_ratio", "hpo_config", "custom_operator_paths", "debug",
                    "notification", "annotation", "event_logging", "partition_size");

    static {
        USED_KEYS.put("project_name", "str");
        USED_KEYS.put("dataset_path", "str");
        USED_KEYS.put("export_path", "str");
        USED_KEYS.put("work_dir", "str");
        USED_KEYS.put("np", "int");
        USED_KEYS.put("text_keys", "str|list");
        USED_KEYS.put("suffixes", "str|list");
        USED_KEYS.put("keep_stats_in_res_ds", "bool");
        USED_KEYS.put("skip_op_error", "bool");
        USED_KEYS.put("open_tracer", "bool");
        USED_KEYS.put("op_list_to_trace", "list");
        USED_KEYS.put("trace_num", "int");
        USED_KEYS.put("process", "list");
        USED_KEYS.put(RuntimeSettings.SECTION, "map");
    }

    private RecipeLoader() {}

    /** A recipe as far as it could be read, and the problems found reading it. */
    record Loaded(Recipe recipe, List<Problem> problems) {
        Recipe orThrow() {
            if (!problems.isEmpty()) {
                throw new RecipeException(recipe.source(), problems);
            }
            return recipe;
        }
    }

    /**
     * Loads a recipe file.
     *
     * @throws RecipeException listing every problem with the shape or the global keys
     */
    public static Recipe load(Path file) {
        return read(file).orThrow();
    }

    /** Parses recipe text; {@code source} names it in messages. */
    public static Recipe parse(String source, String yaml) {
        return read(source, null, new StringReader(yaml)).orThrow();
    }

    /**
     * Reads a recipe file keeping what is valid; throws only when nothing usable can be read
     * (unreadable file, YAML syntax error, not a mapping).
     */
    static Loaded read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RecipeException(file.toString(), new Problem(0, "cannot read the recipe: " + e));
        }
        Path dir = file.toAbsolutePath().getParent();
        return read(file.toString(), dir, new StringReader(text));
    }

    /** Every global key a recipe may hold. */
    public static Set<String> knownKeys() {
        Set<String> all = new TreeSet<>(USED_KEYS.keySet());
        all.addAll(ACCEPTED_KEYS);
        return all;
    }

    /** Whether djflink acts on this global key (others are accepted and ignored). */
    public static boolean isUsedKey(String key) {
        return USED_KEYS.containsKey(key);
    }

    static Loaded read(String source, Path dir, Reader reader) {
        Node root;
        try {
            // compose() does not check duplicate keys (only the constructor would); read() does below.
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new RecipeException(source, new Problem(line, "not valid YAML: " + e.getProblem()));
        } catch (YAMLException e) {
            throw new RecipeException(source, new Problem(0, "not valid YAML: " + e.getMessage()));
        }
        if (root == null) {
            throw new RecipeException(source, new Problem(0, "the recipe is empty"));
        }
        if (!(root instanceof MappingNode)) {
            throw new RecipeException(source, new Problem(line(root), "a recipe must be a mapping of global keys and a 'process' list"));
        }
        List<Problem> problems = new ArrayList<>();
        Map<String, Object> globals = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        List<OpConfig> process = new ArrayList<>();
        for (NodeTuple t : ((MappingNode) root).getValue()) {
            String key = scalarKey(t.getKeyNode(), problems);
            if (key == null) {
                continue;
            }
            int keyLine = line(t.getKeyNode());
            if (lines.containsKey(key)) {
                problems.add(new Problem(keyLine, "duplicate global key '" + key + "' (first at line " + lines.get(key) + ")"));
                continue;
            }
            lines.put(key, keyLine);
            if (key.equals("process")) {
                readProcess(t.getValueNode(), process, problems);
                continue;
            }
            if (key.equals(RuntimeSettings.SECTION)) {
                globals.put(key, flatten(t.getValueNode(), "", lines, problems));
                continue;
            }
            Object value = toJava(t.getValueNode());
            if (!USED_KEYS.containsKey(key) && !ACCEPTED_KEYS.contains(key)) {
                problems.add(new Problem(keyLine, "unknown global key '" + key + "'"
                        + Suggest.didYouMean(key, knownKeys())
                        + "; keys djflink uses: " + String.join(", ", USED_KEYS.keySet())));
                continue;
            }
            String err = checkType(key, value);
            if (err != null) {
                problems.add(new Problem(keyLine, err));
                continue;
            }
            globals.put(key, value);
        }
        return new Loaded(new Recipe(source, dir, globals, lines, process), problems);
    }

    static String checkType(String key, Object value) {
        String type = USED_KEYS.get(key);
        if (type == null || value == null) {
            return null;
        }
        boolean ok;
        switch (type) {
            case "str":
                ok = value instanceof String;
                break;
            case "int":
                ok = value instanceof Long || value instanceof Integer;
                break;
            case "bool":
                ok = value instanceof Boolean;
                break;
            case "list":
                ok = value instanceof List && ((List<?>) value).stream().allMatch(o -> o instanceof String);
                break;
            default:
                ok = value instanceof String
                        || (value instanceof List && ((List<?>) value).stream().allMatch(o -> o instanceof String));
        }
        if (ok && key.equals("text_keys") && value instanceof List && ((List<?>) value).isEmpty()) {
            return "global key 'text_keys' must name at least one key";
        }
        if (ok && key.equals("np") && ((Number) value).longValue() < 1) {
            return "global key 'np' is " + value + "; it must be at least 1";
        }
        if (ok && key.equals("trace_num") && ((Number) value).longValue() < 0) {
            return "global key 'trace_num' is " + value + "; it must not be negative";
        }
        return ok ? null : "global key '" + key + "' must be " + typeWords(type) + ", got " + value;
    }

    private static String typeWords(String type) {
        switch (type) {
            case "str": return "a string";
            case "int": return "an integer";
            case "bool": return "true or false";
            case "list": return "a list of strings";
            default: return "a string or a list of strings";
        }
    }

    private static void readProcess(Node node, List<OpConfig> out, List<Problem> problems) {
        if (isNull(node)) {
            return;
        }
        if (!(node instanceof SequenceNode)) {
            problems.add(new Problem(line(node), "'process' must be a list of ops, each '- op_name: {args}'"));
            return;
        }
        int index = 0;
        for (Node item : ((SequenceNode) node).getValue()) {
            String name;
            Node argsNode;
            if (item instanceof ScalarNode && !isNull(item)) {
                name = ((ScalarNode) item).getValue();
                argsNode = null;
            } else if (item instanceof MappingNode && ((MappingNode) item).getValue().size() == 1) {
                NodeTuple t = ((MappingNode) item).getValue().get(0);
                name = scalarKey(t.getKeyNode(), problems);
                argsNode = t.getValueNode();
                if (name == null) {
                    continue;
                }
            } else {
                problems.add(new Problem(line(item), "each process entry must be a single 'op_name: {args}' mapping"));
                continue;
            }
            Map<String, Object> args = new LinkedHashMap<>();
            Map<String, Integer> argLines = new LinkedHashMap<>();
            if (argsNode != null && !isNull(argsNode)) {
                if (!(argsNode instanceof MappingNode)) {
                    problems.add(new Problem(line(argsNode), "arguments of op '" + name + "' must be a mapping of parameter: value"));
                    continue;
                }
                for (NodeTuple a : ((MappingNode) argsNode).getValue()) {
                    String k = scalarKey(a.getKeyNode(), problems);
                    if (k == null) {
                        continue;
                    }
                    if (argLines.containsKey(k)) {
                        problems.add(new Problem(line(a.getKeyNode()), "duplicate parameter '" + k + "' of op '" + name
                                + "' (first at line " + argLines.get(k) + ")"));
                        continue;
                    }
                    args.put(k, toJava(a.getValueNode()));
                    argLines.put(k, line(a.getKeyNode()));
                }
            }
            out.add(new OpConfig(name, args, index++, line(item), argLines));
        }
    }

    /**
     * The {@code djflink:} section as dotted keys ({@code kafka: {topics: x}} is {@code
     * kafka.topics}), each with its line under {@code djflink.<key>}; a non-mapping is returned as
     * is for {@link RuntimeSettings} to refuse.
     */
    private static Object flatten(Node node, String prefix, Map<String, Integer> lines, List<Problem> problems) {
        if (!(node instanceof MappingNode)) {
            return prefix.isEmpty() ? toJava(node) : null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (NodeTuple t : ((MappingNode) node).getValue()) {
            String key = scalarKey(t.getKeyNode(), problems);
            if (key == null) {
                continue;
            }
            String full = prefix + key;
            Node v = t.getValueNode();
            // kafka.properties and flink.* hold other systems' dotted keys: flatten those too.
            if (v instanceof MappingNode) {
                Object inner = flatten(v, full + ".", lines, problems);
                ((Map<?, ?>) inner).forEach((k, x) -> out.put((String) k, x));
                continue;
            }
            if (out.containsKey(full)) {
                problems.add(new Problem(line(t.getKeyNode()), "duplicate key 'djflink." + full + "'"));
                continue;
            }
            lines.put(RuntimeSettings.SECTION + "." + full, line(t.getKeyNode()));
            out.put(full, toJava(v));
        }
        return out;
    }

    private static String scalarKey(Node n, List<Problem> problems) {
        if (n instanceof ScalarNode) {
            return ((ScalarNode) n).getValue();
        }
        problems.add(new Problem(line(n), "keys must be plain names"));
        return null;
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode && Tag.NULL.equals(n.getTag());
    }

    private static int line(Node n) {
        return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }

    /**
     * A YAML 1.1 int as PyYAML reads it: optional sign, then {@code 0b} binary, {@code 0x} hex,
     * a leading {@code 0} for octal, base 60 ({@code 1:30}), or decimal; underscores ignored.
     * {@code null} when the text is none of these (an explicit {@code !!int} on a word).
     */
    static BigInteger yaml11Int(String v) {
        String s = v.replace("_", "");
        boolean negative = s.startsWith("-");
        if (s.startsWith("-") || s.startsWith("+")) {
            s = s.substring(1);
        }
        try {
            BigInteger b;
            if (s.contains(":")) {
                b = BigInteger.ZERO;
                for (String part : s.split(":")) {
                    b = b.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
                }
            } else if (s.startsWith("0b")) {
                b = new BigInteger(s.substring(2), 2);
            } else if (s.startsWith("0x")) {
                b = new BigInteger(s.substring(2), 16);
            } else if (s.length() > 1 && s.startsWith("0")) {
                b = new BigInteger(s.substring(1), 8);
            } else {
                b = new BigInteger(s);
            }
            return negative ? b.negate() : b;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A finite YAML 1.1 float, incl. base 60 ({@code 1:30.5}); the original text when it is not
     * one (an explicit {@code !!float} on a word), so binding reports it with its line.
     */
    private static Object yaml11Float(String s, String original) {
        try {
            if (!s.contains(":")) {
                return Double.parseDouble(s);
            }
            boolean negative = s.startsWith("-");
            String[] parts = (s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s).split(":");
            double d = 0;
            for (String part : parts) {
                d = d * 60 + Double.parseDouble(part);
            }
            return negative ? -d : d;
        } catch (NumberFormatException e) {
            return original;
        }
    }

    /** Resolves a YAML node to plain Java values the way PyYAML would. */
    static Object toJava(Node n) {
        if (n instanceof ScalarNode) {
            String v = ((ScalarNode) n).getValue();
            Tag tag = n.getTag();
            if (Tag.NULL.equals(tag)) {
                return null;
            }
            if (Tag.BOOL.equals(tag)) {
                String l = v.toLowerCase();
                return l.equals("true") || l.equals("yes") || l.equals("on") || l.equals("y");
            }
            if (Tag.INT.equals(tag)) {
                BigInteger b = yaml11Int(v);
                if (b == null) {
                    return v;
                }
                return b.bitLength() < 64 ? (Object) b.longValue() : b;
            }
            if (Tag.FLOAT.equals(tag)) {
                String s = v.replace("_", "").toLowerCase();
                if (s.endsWith(".inf")) {
                    return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                }
                if (s.equals(".nan")) {
                    return Double.NaN;
                }
                return yaml11Float(s, v);
            }
            return v;
        }
        if (n instanceof SequenceNode) {
            List<Object> list = new ArrayList<>();
            for (Node c : ((SequenceNode) n).getValue()) {
                list.add(toJava(c));
            }
            return list;
        }
        if (n instanceof MappingNode) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (NodeTuple t : ((MappingNode) n).getValue()) {
                Node k = t.getKeyNode();
                map.put(k instanceof ScalarNode ? ((ScalarNode) k).getValue() : String.valueOf(toJava(k)), toJava(t.getValueNode()));
            }
            return map;
        }
        return null;
    }
}
