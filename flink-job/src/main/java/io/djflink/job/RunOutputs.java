package io.djflink.job;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns the committed part files of a finished bounded run into the outputs a Data-Juicer user
 * expects: one export file, one tracer file per op under {@code work_dir/trace}, and
 * {@code work_dir/errors.jsonl}. In-progress or pending parts (names starting with '.') are never
 * read: only what Flink committed counts.
 */
public final class RunOutputs {

    /** Where the outputs of a run ended up. */
    public record Written(Path export, Path traceDir, Path errors, long errorLines) {}

    private RunOutputs() {}

    public static Written finish(JobSpec spec) throws IOException {
        Path staging = spec.staging();
        Path export = spec.exportPath();
        if (spec.settings().sink() == io.djflink.recipe.RuntimeSettings.Sink.FILES) {
            if (export.getParent() != null) {
                Files.createDirectories(export.getParent());
            }
            concat(parts(staging.resolve("export")), export);
        }

        Path traceDir = spec.workDir().resolve("trace");
        Path tracing = staging.resolve("trace");
        if (Files.isDirectory(tracing)) {
            Files.createDirectories(traceDir);
            try (Stream<Path> buckets = Files.list(tracing)) {
                for (Path bucket : buckets.filter(Files::isDirectory).sorted().toList()) {
                    head(parts(bucket), traceDir.resolve(bucket.getFileName() + ".jsonl"), spec.recipe().traceNum());
                }
            }
        }

        Path errors = spec.workDir().resolve("errors.jsonl");
        List<Path> errorParts = parts(staging.resolve("errors"));
        long errorLines = 0;
        Files.deleteIfExists(errors);
        if (!errorParts.isEmpty()) {
            Files.createDirectories(spec.workDir());
            concat(errorParts, errors);
            try (Stream<String> l = Files.lines(errors, StandardCharsets.UTF_8)) {
                errorLines = l.count();
            }
            if (errorLines == 0) {
                Files.delete(errors);
            }
        }
        deleteTree(staging);
        return new Written(export, traceDir, errorLines > 0 ? errors : null, errorLines);
    }

    /** Committed part files below {@code dir}, sorted by path. */
    static List<Path> parts(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().startsWith("part"))
                    .sorted()
                    .toList();
        }
    }

    private static void concat(List<Path> parts, Path target) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        if (parts.isEmpty()) {
            Files.write(tmp, new byte[0]);
        } else {
            // The first part becomes the file (a rename when staging and target share a file
            // system), and the rest are appended by the kernel: the export of a big run is not
            // read back through the JVM.
            Files.move(parts.get(0), tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                for (Path p : parts.subList(1, parts.size())) {
                    try (FileChannel in = FileChannel.open(p, StandardOpenOption.READ)) {
                        long size = in.size();
                        for (long done = 0; done < size; ) {
                            done += in.transferTo(done, size - done, out);
                        }
                    }
                }
            }
        }
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void head(List<Path> parts, Path target, int maxLines) throws IOException {
        int n = 0;
        try (BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            for (Path p : parts) {
                try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                    String line;
                    while (n < maxLines && (line = r.readLine()) != null) {
                        w.write(line);
                        w.write('\n');
                        n++;
                    }
                }
            }
        }
    }

    /**
     * Deletes a directory tree. Flink may still be discarding old checkpoint files when the job
     * result arrives, so files that vanish meanwhile are fine, and a tree that a late discard
     * re-populates is retried.
     */
    static void deleteTree(Path dir) throws IOException {
        for (int attempt = 0; Files.exists(dir); attempt++) {
            try {
                Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
                    @Override
                    public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs)
                            throws IOException {
                        Files.deleteIfExists(file);
                        return java.nio.file.FileVisitResult.CONTINUE;
                    }

                    @Override
                    public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (e instanceof java.nio.file.NoSuchFileException) {
                            return java.nio.file.FileVisitResult.CONTINUE;
                        }
                        throw e;
                    }

                    @Override
                    public java.nio.file.FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                        Files.deleteIfExists(d);
                        return java.nio.file.FileVisitResult.CONTINUE;
                    }
                });
            } catch (java.nio.file.NoSuchFileException | java.nio.file.DirectoryNotEmptyException e) {
                if (attempt >= 20) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while deleting " + dir, ie);
                }
            }
        }
    }
}
