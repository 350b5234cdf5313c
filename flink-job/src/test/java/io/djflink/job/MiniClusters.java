package io.djflink.job;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The shared test cluster shape (one TaskManager with two slots, like the CI machine's two cores),
 * and what failure tests ask of it.
 */
final class MiniClusters {

    private MiniClusters() {}

    static MiniClusterExtension twoSlots() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(2)
                .build());
    }

    /**
     * Deletes a test's directory that cancelled jobs checkpointed into. A cancel is acknowledged
     * before Flink has discarded the checkpoint it aborted, so files may still appear and vanish
     * there; JUnit's own clean-up of a {@code @TempDir} failed on that.
     */
    static void deleteAfterCancel(Path dir) throws java.io.IOException {
        RunOutputs.deleteTree(dir);
    }

    /** Whether a checkpoint under {@code dir} has completed (its {@code _metadata} is written). */
    static boolean hasCompletedCheckpoint(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var files = Files.walk(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().equals("_metadata"));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            // a checkpoint directory removed while walking: look again at the next sample
            return false;
        }
    }
}
