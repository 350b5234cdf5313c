package io.djflink.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.ops.OpFactory;
import io.djflink.ops.OpRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs every Data-Juicer conformance case against the registered ops: shared/dj/conformance, and
 * the project's own conversions of Data-Juicer tests in the same format (test resources
 * {@code conformance/}, for ops shared/ has no case of). Cases of ops not registered are skipped;
 * every registered op must pass at least one case, so a newly registered op is held to its cases
 * automatically.
 */
class ConformanceSuiteTest {

    @Test
    void everyCaseOfARegisteredOpPassesAndEveryRegisteredOpHasAPassingCase() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ConformanceRunner.Summary shared;
        ConformanceRunner.Summary own;
        try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            ConformanceRunner runner = new ConformanceRunner(OpRegistry.get());
            shared = runner.runDirectory(Path.of(System.getProperty("djflink.shared"), "dj", "conformance"), out);
            own = runner.runDirectory(Path.of(ConformanceSuiteTest.class.getResource("/conformance").toURI()), out);
        }
        String report = buf.toString(StandardCharsets.UTF_8);
        List<ConformanceRunner.CaseResult> cases = new ArrayList<>(shared.cases());
        cases.addAll(own.cases());
        ConformanceRunner.Summary summary = new ConformanceRunner.Summary(
                shared.passed() + own.passed(), shared.failed() + own.failed(), shared.skipped() + own.skipped(), cases);

        assertThat(summary.failed()).as(report).isZero();

        Set<String> withPassingCase = summary.cases().stream()
                .filter(c -> c.status() == ConformanceRunner.Status.PASSED)
                .map(ConformanceRunner.CaseResult::op)
                .collect(Collectors.toCollection(TreeSet::new));
        // Ops on remote models answer what the model says, so Data-Juicer's tests of them need a live
        // model and are no fixed cases; LlmOpsTest holds them to the protocol against a local endpoint.
        Set<String> registered = OpRegistry.get().all().stream()
                .filter(f -> !callsARemoteModel(f))
                .map(OpFactory::identifier)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(withPassingCase).as("registered ops without a passing conformance case\n" + report)
                .containsAll(registered);
        assertThat(summary.passed() + summary.failed() + summary.skipped()).isEqualTo(summary.cases().size());
    }

    private static boolean callsARemoteModel(OpFactory f) {
        try (io.djflink.ops.Op op = f.create(java.util.Map.of())) {
            return op instanceof io.djflink.ops.AsyncOp;
        } catch (Exception e) {
            return false;
        }
    }
}
