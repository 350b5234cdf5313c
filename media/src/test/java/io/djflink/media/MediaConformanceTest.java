package io.djflink.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.djflink.conformance.ConformanceRunner;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data-Juicer's own unit-test cases of the media ops (test resources {@code conformance/}, written
 * by tools/media/dj_media_cases.py), run by the conformance runner on stand-ins for the test
 * files Data-Juicer reads from its repository: the files of {@code conformance-media} say what
 * each stand-in must be (shape and byte size of an image, duration and byte size of an audio,
 * copies), this test generates them and puts their directory in for {@code {media}}. Every op
 * this module registers must pass at least one case (the OCR ops' are djflink's own, since
 * Data-Juicer's run EasyOCR).
 */
class MediaConformanceTest {

    @TempDir
    Path tmp;

    @Test
    void everyCaseOfAMediaOpPassesAndEveryMediaOpHasAPassingCase() throws Exception {
        Path media = Files.createDirectories(tmp.resolve("media"));
        try (Stream<Path> specs = Files.list(resource("/conformance-media"))) {
            for (Path f : specs.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                ConformanceMedia.generate(media, Sample.JSON.readTree(f.toFile()).get("files"));
            }
        }

        Path cases = Files.createDirectories(tmp.resolve("cases"));
        try (Stream<Path> s = Files.list(resource("/conformance"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode c = Sample.JSON.readTree(f.toFile());
                Files.writeString(cases.resolve(f.getFileName()), withMedia(c, media.toString()).toString());
            }
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ConformanceRunner.Summary summary;
        try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            summary = new ConformanceRunner(OpRegistry.get()).runDirectory(cases, out);
        }
        String report = buf.toString(StandardCharsets.UTF_8);

        assertThat(summary.failed()).as(report).isZero();
        Set<String> passing = summary.cases().stream()
                .filter(c -> c.status() == ConformanceRunner.Status.PASSED)
                .map(ConformanceRunner.CaseResult::op)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> ours = OpRegistry.get().all().stream()
                .filter(f -> f.getClass().getProtectionDomain().getCodeSource()
                        .equals(MultiItemFilter.class.getProtectionDomain().getCodeSource()))
                .map(OpFactory::identifier)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(ours).isNotEmpty();
        assertThat(passing).as("media ops without a passing case\n" + report).containsAll(ours);
    }

    private static Path resource(String name) throws Exception {
        return Path.of(MediaConformanceTest.class.getResource(name).toURI());
    }

    /** The case with every string starting {@code {media}} pointing into the generated directory. */
    private static JsonNode withMedia(JsonNode n, String dir) {
        if (n.isTextual() && n.textValue().startsWith("{media}")) {
            return TextNode.valueOf(dir + n.textValue().substring("{media}".length()));
        }
        if (n.isArray()) {
            ArrayNode a = (ArrayNode) n;
            for (int i = 0; i < a.size(); i++) {
                a.set(i, withMedia(a.get(i), dir));
            }
        } else if (n.isObject()) {
            ObjectNode o = (ObjectNode) n;
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(withMedia(e.getValue(), dir));
            }
        }
        return n;
    }
}
