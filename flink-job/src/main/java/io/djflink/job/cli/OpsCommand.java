package io.djflink.job.cli;

import io.djflink.ops.OpFactory;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.ParamSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code djflink ops}: every registered op with its parameters. */
@Command(name = "ops", mixinStandardHelpOptions = true, description = "List the registered ops and their parameters.")
final class OpsCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "OP", description = "show only this op")
    String only;

    @Option(names = "--common", description = "also list the common parameters every op accepts")
    boolean common;

    @Override
    public Integer call() {
        OpRegistry reg = OpRegistry.get();
        if (only != null) {
            try {
                print(reg.factory(only));
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            return 0;
        }
        System.out.println(reg.all().size() + " ops registered");
        for (OpFactory f : reg.all()) {
            print(f);
        }
        return 0;
    }

    private void print(OpFactory f) {
        System.out.println();
        System.out.println(f.identifier() + " (" + f.kind().label() + "): " + f.doc());
        int own = f.params().size();
        for (ParamSpec p : f.params()) {
            boolean isCommon = io.djflink.ops.CommonParams.FILTER.stream().anyMatch(c -> c.name().equals(p.name()))
                    && !isOwn(f, p);
            if (isCommon && !common) {
                own--;
                continue;
            }
            System.out.printf("  %-22s %-22s = %-22s %s%n", p.name(), p.type().display(), p.defaultDisplay(), p.doc());
        }
        if (own == 0) {
            System.out.println("  (no parameters besides the common ones)");
        }
    }

    private static boolean isOwn(OpFactory f, ParamSpec p) {
        return f.params().indexOf(p) < f.params().size()
                - (f.kind() == io.djflink.ops.OpKind.FILTER ? io.djflink.ops.CommonParams.FILTER : io.djflink.ops.CommonParams.ALL).size();
    }
}
