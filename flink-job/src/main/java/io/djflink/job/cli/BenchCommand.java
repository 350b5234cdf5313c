package io.djflink.job.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code djflink bench}: placeholder replaced below. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure throughput.")
final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
