package io.djflink.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code checkpoint.interval: off}: accepted only where every sink commits at the end of input. */
class RuntimeSettingsTest {

    private static RuntimeSettings settings(String section) {
        return RuntimeSettings.of(RecipeLoader.parse("r.yaml", "project_name: r\ndjflink:\n" + section + "process:\n  - document_deduplicator:\n"));
    }

    private static final String REPLAY = String.join("\n",
            "  source: kafka",
            "  sink: kafka",
            "  kafka.bootstrap-servers: 127.0.0.1:9092",
            "  kafka.topics: in",
            "  kafka.output-topic: out",
            "  kafka.stopping-offsets: latest",
            "");

    @Test
    void offIsAcceptedForBoundedFilesAndForKafkaReplaysThatDoNotNeedTransactions() {
        RuntimeSettings files = settings("  checkpoint.interval: 'OFF'\n");
        assertThat(files.checkpointsOff()).isTrue();
        assertThat(files.checkpointsNeededBy()).isNull();
        RuntimeSettings replay = settings(REPLAY + "  checkpoint.interval: off\n  kafka.delivery: at-least-once\n");
        assertThat(replay.checkpointsOff()).isTrue();
        assertThat(settings(REPLAY + "  checkpoint.interval: off\n  kafka.delivery: none\n").checkpointsNeededBy()).isNull();
    }

    @Test
    void aDurationStillParsesAndIsNotOff() {
        RuntimeSettings s = settings("  checkpoint.interval: 5s\n");
        assertThat(s.checkpointsOff()).isFalse();
        assertThat(s.duration("checkpoint.interval", Duration.ZERO)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void offIsRefusedWithExactlyOnceKafkaOrAnUnboundedSource() {
        assertThatThrownBy(() -> settings(REPLAY + "  checkpoint.interval: off\n"))
                .hasMessageContaining("r.yaml:9: djflink: checkpoint.interval off: kafka.delivery exactly-once commits its transactions on checkpoints");
        assertThatThrownBy(() -> settings("  source: files\n  kafka.errors-topic: e\n  kafka.bootstrap-servers: h:1\n  checkpoint.interval: off\n"))
                .hasMessageContaining("exactly-once");
        assertThatThrownBy(() -> settings("  source: files-continuous\n  checkpoint.interval: off\n"))
                .hasMessageContaining("checkpoint.interval off: an unbounded source");
    }

    @Test
    void aWordOtherThanOffIsNotADuration() {
        assertThatThrownBy(() -> settings("  checkpoint.interval: never\n")).hasMessageContaining("'never' is not a duration");
    }
}
