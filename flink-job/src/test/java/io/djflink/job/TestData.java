package io.djflink.job;

import io.djflink.ops.Sample;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads the shared corpora and job outputs in tests. */
final class TestData {

    private TestData() {}

    static Path shared() {
        return Path.of(System.getProperty("djflink.shared", "../shared")).toAbsolutePath().normalize();
    }

    /** A file of this checkout, found from the module directory Surefire runs in. */
    static Path repo(String rel) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(rel))) {
                return dir.resolve(rel);
            }
        }
        throw new IllegalStateException(rel + " not found above " + Path.of("").toAbsolutePath());
    }

    static List<Sample> samples(Path jsonl) throws IOException {
        List<Sample> out = new ArrayList<>();
        for (String line : lines(jsonl)) {
            if (!line.isBlank()) {
                out.add(Sample.parse(line));
            }
        }
        return out;
    }

    static List<String> lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().toList();
        }
    }
}
