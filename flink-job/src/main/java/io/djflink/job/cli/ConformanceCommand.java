package io.djflink.job.cli;

import io.djflink.conformance.ConformanceRunner;
import io.djflink.ops.OpRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code djflink conformance DIR}: runs Data-Juicer's test cases (JSON) against the registered ops. */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = "Run every conformance case file in DIR; exit 1 if a case of a registered op fails.")
final class ConformanceCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "directory of <op>__<test>.json case files")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            System.err.println("not a directory: " + dir);
            return 2;
        }
        ConformanceRunner.Summary s = new ConformanceRunner(OpRegistry.get()).runDirectory(dir, System.out);
        return s.failed() > 0 ? 1 : 0;
    }
}
