package io.djflink.job.cli;

import io.djflink.media.bench.ImageDecodeBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code djflink bench-media}: images per second on one thread (per core) through the image path
 * of the media ops, on generated pictures; see {@link ImageDecodeBench}.
 */
@Command(name = "bench-media", mixinStandardHelpOptions = true,
        description = "Image decode throughput per core: header, decode, decode + phash, and a fused chain of three image ops"
                + " (shape, aspect ratio, phash dedup) with and without the per-sample decode cache.")
final class BenchMediaCommand implements Callable<Integer> {

    @Option(names = "--images", split = ",", defaultValue = "jpg:640x480,png:640x480,jpg:1920x1080,png:1920x1080",
            description = "pictures to generate, format:WxH (default: ${DEFAULT-VALUE})")
    List<String> images;

    @Option(names = "--seconds", defaultValue = "3", description = "measuring time per figure (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--work-dir", description = "where the pictures are written (default: a temporary directory)")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        Path dir = workDir != null ? workDir : Files.createTempDirectory("djflink-bench-media");
        System.out.printf("bench-media: one thread, java %s, %d cores; images per second%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("%-14s %9s %11s %9s %14s %12s %16s%n", "picture", "file KB", "header", "decode", "decode+phash",
                "3-op chain", "3-op, no cache");
        for (ImageDecodeBench.Row r : ImageDecodeBench.run(images, seconds, dir)) {
            System.out.printf("%-14s %9.0f %11.0f %9.1f %14.1f %12.1f %16.1f%n", r.format() + " " + r.width() + "x" + r.height(),
                    r.fileBytes() / 1024.0, r.headerPerSec(), r.decodePerSec(), r.decodeHashPerSec(), r.chainPerSec(),
                    r.chainUncachedPerSec());
        }
        return 0;
    }
}
