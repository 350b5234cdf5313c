package io.djflink.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.djflink.ops.BaseOp;
import io.djflink.ops.Mapper;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Test-only op: fails the task (an Error, which no op error handling catches) once per JVM after
 * {@code after} samples have passed it in total, so a job must restore from its last checkpoint.
 * Slows each sample a little so that checkpoints complete before the failure.
 */
public final class FailOnceMapper extends BaseOp implements Mapper {

    /** Failures still to inject; tests set it before a run. */
    static final AtomicInteger FAILURES_LEFT = new AtomicInteger();
    static final AtomicInteger SEEN = new AtomicInteger();
    /**
     * Whether the failure may come yet (e.g. once a checkpoint has completed, so that the restart
     * restores mid-stream state); until then samples pass, slowly. Tests that set it reset it.
     */
    static volatile BooleanSupplier ready = () -> true;

    private final long after;

    FailOnceMapper(Params p) {
        super(p);
        this.after = p.integer("after");
    }

    @Override
    public void map(Sample sample, SampleContext ctx) throws Exception {
        Thread.sleep(1);
        if (SEEN.incrementAndGet() < after || FAILURES_LEFT.get() == 0) {
            return;
        }
        if (!ready.getAsBoolean()) {
            // slow down between samples (the task still takes checkpoints) until the failure may come
            Thread.sleep(20);
            return;
        }
        if (FAILURES_LEFT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            SEEN.set(0);
            throw new InjectedFailure("injected task failure after " + after + " samples");
        }
    }

    /**
     * Runs a bounded job whose recipe has this op: with {@code failure}, one task failure once
     * {@code readyToFail} holds (the job then restores from a checkpoint), checked to have come.
     */
    static RecipeJob.Result run(JobSpec spec, RecipeJob.Options opts, boolean failure, BooleanSupplier readyToFail)
            throws Exception {
        SEEN.set(0);
        FAILURES_LEFT.set(failure ? 1 : 0);
        ready = readyToFail;
        RecipeJob.Result r;
        try {
            r = RecipeJob.run(spec, opts, System.out);
        } finally {
            ready = () -> true;
        }
        if (failure) {
            assertThat(FAILURES_LEFT.get()).as("the failure was injected").isZero();
        }
        return r;
    }

    /** Not an Exception: the fused chain routes exceptions to the error output, this must kill the task. */
    static final class InjectedFailure extends Error {
        InjectedFailure(String m) {
            super(m);
        }
    }

    /** Registers {@code fail_once_mapper} (test classpath only). */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "fail_once_mapper";
        }

        @Override
        public OpKind kind() {
            return OpKind.MAPPER;
        }

        @Override
        public String doc() {
            return "test only: fails the task once after a number of samples";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(ParamSpec.of("after", ParamType.INT, 500L, "samples before the failure"));
        }

        @Override
        public Op create(Params p) {
            return new FailOnceMapper(p);
        }
    }
}
