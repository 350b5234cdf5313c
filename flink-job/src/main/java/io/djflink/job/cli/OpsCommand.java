package io.djflink.job.cli;

import io.djflink.ops.CommonParams;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.OpReference;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.ParamSpec;
import java.util.List;
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

    @Option(names = "--markdown", description = "print the op reference as Markdown (docs/ops.md)")
    boolean markdown;

    @Override
    public Integer call() {
        OpRegistry reg = OpRegistry.get();
        if (markdown) {
            System.out.print(OpReference.markdown(reg));
            return 0;
        }
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
        List<ParamSpec> shown = common ? f.params() : f.ownParameters();
        for (ParamSpec p : shown) {
            System.out.printf("  %-22s %-22s = %-22s %s%n", p.name(), p.type().display(), p.defaultDisplay(), p.doc());
        }
        if (shown.isEmpty()) {
            System.out.println("  (no parameters besides the common ones)");
        }
        if (!common) {
            List<ParamSpec> c = f.kind() == OpKind.FILTER ? CommonParams.FILTER : CommonParams.ALL;
            System.out.println("  + " + c.size() + " common parameters (--common lists them)");
        }
    }
}
