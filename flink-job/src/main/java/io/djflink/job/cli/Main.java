package io.djflink.job.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code djflink}: run, check and inspect Data-Juicer recipes as Flink jobs. */
@Command(
        name = "djflink",
        mixinStandardHelpOptions = true,
        version = "djflink 0.1.0 (Flink 2.2.0)",
        description = "Runs Data-Juicer recipes as Apache Flink jobs.",
        subcommands = {
            RunCommand.class,
            ValidateCommand.class,
            OpsCommand.class,
            SettingsCommand.class,
            ConformanceCommand.class,
            BenchCommand.class,
            BenchStateCommand.class,
            KafkaDemoCommand.class,
            BenchKafkaCommand.class,
            BenchAsyncCommand.class,
            BenchMediaCommand.class,
            BenchVideoCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int status = execute(args);
        // Under `flink run` or a FlinkDeployment the JobManager runs this main: exiting would take
        // the JobManager down with it, so only a failure status is reported by exiting.
        if (status != 0 || !insideFlinkCluster()) {
            System.exit(status);
        }
    }

    private static boolean insideFlinkCluster() {
        return org.apache.flink.streaming.api.environment.StreamExecutionEnvironment.getExecutionEnvironment()
                instanceof org.apache.flink.client.program.StreamContextEnvironment;
    }

    /** Runs the CLI and returns its exit status (tests call this). */
    public static int execute(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
