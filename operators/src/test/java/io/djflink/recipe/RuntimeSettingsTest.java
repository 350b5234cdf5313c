package io.djflink.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.djflink.ops.OpRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeSettingsTest {

    @TempDir
    Path tmp;

    private static final String OPS = "process:\n  - text_length_filter:\n";

    @Test
    void nestedAndDottedKeysAreTheSameAndKafkaPropertiesPassThrough() {
        Recipe r = RecipeLoader.parse("r.yaml", String.join("\n",
                "djflink:",
                "  source: kafka",
                "  kafka:",
                "    bootstrap-servers: b:9092",
                "    topics: [a, b]",
                "    properties:",
                "      security.protocol: SASL_SSL",
                "  kafka.properties.acks: all",
                "  checkpoint.interval: 5s",
                OPS));
        RuntimeSettings s = RuntimeSettings.of(r, name -> null);
        assertThat(s.source()).isEqualTo(RuntimeSettings.Source.KAFKA);
        assertThat(s.mode()).as("an unbounded source streams").isEqualTo(RuntimeSettings.Mode.STREAMING);
        assertThat(s.list("kafka.topics")).containsExactly("a", "b");
        assertThat(s.withPrefix("kafka.properties.")).isEqualTo(Map.of("security.protocol", "SASL_SSL", "acks", "all"));
        assertThat(s.duration("checkpoint.interval", Duration.ZERO)).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.delivery()).isEqualTo(RuntimeSettings.Delivery.EXACTLY_ONCE);
    }

    @Test
    void aRecipeWithoutTheSectionIsABoundedFileJob() {
        RuntimeSettings s = RuntimeSettings.of(RecipeLoader.parse("r.yaml", OPS), name -> null);
        assertThat(s.source()).isEqualTo(RuntimeSettings.Source.FILES);
        assertThat(s.boundedSource()).isTrue();
        assertThat(s.mode()).isEqualTo(RuntimeSettings.Mode.BATCH);
    }

    @Test
    void secretsComeFromTheEnvironmentOrAFile() throws Exception {
        Path secret = tmp.resolve("jaas");
        Files.writeString(secret, "from-a-file\n", StandardCharsets.UTF_8);
        Recipe r = RecipeLoader.parse("r.yaml", String.join("\n",
                "djflink:",
                "  kafka.properties.sasl.jaas.config: ${env:JAAS}",
                "  kafka.properties.ssl.key.password: '${file:" + secret + "}'",
                OPS));
        RuntimeSettings s = RuntimeSettings.of(r, name -> name.equals("JAAS") ? "from-the-env" : null);
        assertThat(s.withPrefix("kafka.properties."))
                .containsEntry("sasl.jaas.config", "from-the-env")
                .containsEntry("ssl.key.password", "from-a-file");
        assertThatThrownBy(() -> RuntimeSettings.of(r, name -> null))
                .isInstanceOf(RecipeException.class)
                .hasMessageContaining("r.yaml:2: djflink.kafka.properties.sasl.jaas.config: environment variable JAAS is not set");
    }

    @Test
    void badSettingsAreRefusedWithTheirLineAndTheChoices() {
        String yaml = String.join("\n",
                "djflink:",
                "  source: kafak",
                "  kafka:",
                "    delivery: twice",
                "    stating-offsets: earliest",
                "  checkpoint.interval: soon",
                OPS);
        assertThatThrownBy(() -> RecipeValidator.parseAndValidate("r.yaml", yaml, OpRegistry.get(), false))
                .isInstanceOf(RecipeException.class)
                .hasMessageContaining("r.yaml:2: djflink.source: 'kafak' is not one of files, files-continuous, kafka (did you mean 'kafka'?)")
                .hasMessageContaining("r.yaml:4: djflink.kafka.delivery: 'twice' is not one of exactly-once, at-least-once, none")
                .hasMessageContaining("r.yaml:5: djflink.kafka.stating-offsets: unknown key (did you mean 'kafka.starting-offsets'?)")
                .hasMessageContaining("r.yaml:6: djflink.checkpoint.interval: 'soon' is not a duration");
    }

    @Test
    void asyncSettingsAreCheckedAndRead() {
        String bad = String.join("\n",
                "djflink:",
                "  async.capacity: 0",
                "  async.timeout: soon",
                "  async.ordered: maybe",
                OPS);
        assertThatThrownBy(() -> RecipeValidator.parseAndValidate("r.yaml", bad, OpRegistry.get(), false))
                .hasMessageContaining("r.yaml:2: djflink.async.capacity: must be a positive integer")
                .hasMessageContaining("r.yaml:3: djflink.async.timeout: 'soon' is not a duration")
                .hasMessageContaining("r.yaml:4: djflink.async.ordered: 'maybe' is not one of true, false");
        RuntimeSettings s = RuntimeSettings.of(RecipeLoader.parse("r.yaml", String.join("\n",
                "djflink:", "  async: {capacity: 7, enabled: false}", OPS)));
        assertThat(s.integer("async.capacity", 100)).isEqualTo(7);
        assertThat(s.asyncStages()).isFalse();
        assertThat(RuntimeSettings.of(RecipeLoader.parse("r.yaml", OPS)).asyncStages()).isTrue();
    }

    @Test
    void aKafkaSourceNeedsBrokersAndTopicsAndBatchModeNeedsAnEnd() {
        String yaml = String.join("\n",
                "djflink:",
                "  source: kafka",
                "  mode: batch",
                OPS);
        assertThatThrownBy(() -> RecipeValidator.parseAndValidate("r.yaml", yaml, OpRegistry.get(), false))
                .hasMessageContaining("needs kafka.bootstrap-servers")
                .hasMessageContaining("r.yaml:2: djflink: source kafka needs kafka.topics or kafka.topic-pattern")
                .hasMessageContaining("r.yaml:3: djflink: mode batch on Kafka needs kafka.stopping-offsets");
    }

    @Test
    void docsStreamingMdHasTheCurrentKeyTable() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "streaming.md"), StandardCharsets.UTF_8);
        assertThat(doc).as("docs/streaming.md's settings table is stale: regenerate it with `bin/djflink settings`")
                .contains(RuntimeSettings.markdownTable());
    }

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

    // checkpoint.interval: off is accepted only where every sink commits at the end of input.

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
