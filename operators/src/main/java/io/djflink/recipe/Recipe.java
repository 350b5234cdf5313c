package io.djflink.recipe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Data-Juicer recipe as loaded: global keys (with the recipe lines they were written on) and the
 * {@code process:} list. Typed accessors apply Data-Juicer's defaults. Immutable; overrides
 * return a new recipe.
 */
public final class Recipe {

    private final String source;
    private final Path directory;
    private final Map<String, Object> globals;
    private final Map<String, Integer> globalLines;
    private final List<OpConfig> process;

    Recipe(String source, Path directory, Map<String, Object> globals, Map<String, Integer> globalLines, List<OpConfig> process) {
        this.source = source;
        this.directory = directory;
        this.globals = Collections.unmodifiableMap(new LinkedHashMap<>(globals));
        this.globalLines = Collections.unmodifiableMap(new LinkedHashMap<>(globalLines));
        this.process = List.copyOf(process);
    }

    /** Where the recipe came from, for messages. */
    public String source() {
        return source;
    }

    /** The recipe file's directory, or {@code null}; relative paths fall back to it. */
    public Path directory() {
        return directory;
    }

    public Map<String, Object> globals() {
        return globals;
    }

    public int lineOf(String key) {
        return globalLines.getOrDefault(key, 0);
    }

    public List<OpConfig> process() {
        return process;
    }

    public String projectName() {
        return str("project_name", "hello_world");
    }

    /** The raw {@code dataset_path} string (paths, optionally with weights). */
    public String datasetPath() {
        return str("dataset_path", "");
    }

    public String exportPath() {
        return str("export_path", "./outputs/hello_world/hello_world.jsonl");
    }

    /** {@code work_dir}, defaulting to the export path's directory as Data-Juicer does. */
    public String workDir() {
        String w = str("work_dir", null);
        if (w != null) {
            return w;
        }
        Path parent = Path.of(exportPath()).toAbsolutePath().normalize().getParent();
        return parent == null ? "." : parent.toString();
    }

    public int np() {
        Object v = globals.get("np");
        return v == null ? 4 : ((Number) v).intValue();
    }

    /** The configured text keys; the first one is what ops read by default. */
    @SuppressWarnings("unchecked")
    public List<String> textKeys() {
        Object v = globals.get("text_keys");
        if (v == null) {
            return List.of("text");
        }
        if (v instanceof String) {
            return List.of((String) v);
        }
        return List.copyOf((List<String>) v);
    }

    /** The fields listing media paths ({@code image_key}, {@code audio_key}, {@code video_key}, Data-Juicer's defaults). */
    public List<String> mediaKeys() {
        return List.of(str("image_key", "images"), str("audio_key", "audios"), str("video_key", "videos"));
    }

    public boolean keepStatsInResDs() {
        return bool("keep_stats_in_res_ds", false);
    }

    public boolean skipOpError() {
        return bool("skip_op_error", true);
    }

    public boolean openTracer() {
        return bool("open_tracer", false);
    }

    @SuppressWarnings("unchecked")
    public List<String> opListToTrace() {
        Object v = globals.get("op_list_to_trace");
        return v == null ? List.of() : List.copyOf((List<String>) v);
    }

    public int traceNum() {
        Object v = globals.get("trace_num");
        return v == null ? 10 : ((Number) v).intValue();
    }

    /** Whether the op at this position is traced ({@code op_list_to_trace} empty = all). */
    public boolean traces(OpConfig op) {
        return openTracer() && (opListToTrace().isEmpty() || opListToTrace().contains(op.name()));
    }

    /** Input file suffixes to read ({@code suffixes}); empty = every jsonl file. */
    @SuppressWarnings("unchecked")
    public List<String> suffixes() {
        Object v = globals.get("suffixes");
        if (v == null) {
            return List.of();
        }
        if (v instanceof String) {
            return List.of((String) v);
        }
        return List.copyOf((List<String>) v);
    }

    /** A copy with a global key set (command-line overrides); the line is dropped. */
    public Recipe with(String key, Object value) {
        Map<String, Object> g = new LinkedHashMap<>(globals);
        Map<String, Integer> lines = new LinkedHashMap<>(globalLines);
        g.put(key, value);
        lines.remove(key);
        return new Recipe(source, directory, g, lines, process);
    }

    /** A copy with another process list (tests and tools that reduce a recipe). */
    public Recipe withProcess(List<OpConfig> ops) {
        List<OpConfig> renumbered = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            OpConfig o = ops.get(i);
            renumbered.add(new OpConfig(o.name(), o.args(), i, o.line(), o.argLines()));
        }
        return new Recipe(source, directory, globals, globalLines, renumbered);
    }

    private String str(String key, String dflt) {
        Object v = globals.get(key);
        return v == null ? dflt : v.toString();
    }

    private boolean bool(String key, boolean dflt) {
        Object v = globals.get(key);
        return v == null ? dflt : (Boolean) v;
    }
}
