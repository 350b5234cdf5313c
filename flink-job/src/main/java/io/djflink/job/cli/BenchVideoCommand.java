package io.djflink.job.cli;

import io.djflink.media.bench.VideoDecodeBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code djflink bench-video}: video frames decoded per second on one thread (per core), and the
 * video ops' frame samplings and motion score, on generated H.264 videos; see {@link VideoDecodeBench}.
 */
@Command(name = "bench-video", mixinStandardHelpOptions = true,
        description = "Video decode throughput per core on generated H.264 videos: frames/s decoded (and converted to BGR),"
                + " probes/s, and videos/s of Data-Juicer's frame samplings (all key frames, 3 uniform) and the motion score.")
final class BenchVideoCommand implements Callable<Integer> {

    @Option(names = "--videos", split = ",", defaultValue = "640x360,1280x720",
            description = "video sizes to generate, WxH (default: ${DEFAULT-VALUE})")
    List<String> videos;

    @Option(names = "--frames", defaultValue = "250", description = "frames per video, at 25 fps (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--gop", defaultValue = "50", description = "key frame interval in frames (default: ${DEFAULT-VALUE})")
    int gop;

    @Option(names = "--seconds", defaultValue = "3", description = "measuring time per figure (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--work-dir", description = "where the videos are written (default: a temporary directory)")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        Path dir = workDir != null ? workDir : Files.createTempDirectory("djflink-bench-video");
        System.out.printf("bench-video: one thread, java %s, %d cores; H.264 (OpenH264), %d frames at 25 fps, key frame every %d%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), frames, gop);
        System.out.printf("%-10s %8s %15s %15s %10s %14s %14s %12s%n", "video", "file KB", "decode frames/s", "+ BGR frames/s",
                "probes/s", "keyframes v/s", "uniform 3 v/s", "motion v/s");
        for (VideoDecodeBench.Row r : VideoDecodeBench.run(videos, frames, gop, seconds, dir)) {
            System.out.printf("%-10s %8.0f %15.0f %15.0f %10.0f %14.2f %14.2f %12.2f%n", r.width() + "x" + r.height(),
                    r.fileBytes() / 1024.0, r.decodeFramesPerSec(), r.decodeBgrFramesPerSec(), r.probePerSec(),
                    r.keyframesPerSec(), r.uniform3PerSec(), r.motionPerSec());
        }
        return 0;
    }
}
