package io.djflink.job;

import io.djflink.recipe.OpConfig;
import io.djflink.recipe.Recipe;
import io.djflink.recipe.RuntimeSettings;
import io.djflink.run.Origins;
import io.djflink.run.Plan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything needed to build and run one job from a validated recipe.
 *
 * @param ops the validated ops (global args injected)
 * @param inputs the input files, in the order that defines "earlier"
 * @param staging where Flink's sinks write part files before they are merged into the outputs
 * @param checkpointInterval how often to checkpoint (the RocksDB dedup state and the file sinks);
 *     {@link Duration#ZERO}: never (a bounded job whose sinks commit at the end of input)
 * @param failFast no restarts on failure (tests); otherwise a bounded fixed-delay restart
 * @param settings the recipe's {@code djflink:} section (source, sink, time, checkpoints)
 * @param savepoint a savepoint or retained checkpoint to start from, or null
 */
public record JobSpec(
        String runId,
        Recipe recipe,
        List<OpConfig> ops,
        Plan plan,
        List<Path> inputs,
        Path exportPath,
        Path workDir,
        Path staging,
        int parallelism,
        Duration checkpointInterval,
        long maxLineBytes,
        boolean failFast,
        RuntimeSettings settings,
        String savepoint) {

    /** Whether dedup decides by event time as the stream goes (not at the end of a bounded input). */
    public boolean streaming() {
        return settings.mode() == RuntimeSettings.Mode.STREAMING;
    }

    /** Whether the job checkpoints at all. */
    public boolean checkpointing() {
        return !checkpointInterval.isZero();
    }

    /** Where records came from, for error records. */
    public Origins origins() {
        if (settings.source() == RuntimeSettings.Source.KAFKA) {
            java.util.Map<Integer, String> codes = new java.util.HashMap<>();
            for (String t : settings.list("kafka.topics")) {
                codes.put(Origins.topicCode(t), t);
            }
            return Origins.kafka(codes);
        }
        return Origins.files(inputUris());
    }

    public List<String> inputUris() {
        return inputs.stream().map(p -> p.toUri().toString()).toList();
    }

    public boolean gzipExport() {
        return exportPath.getFileName().toString().endsWith(".gz");
    }
}
