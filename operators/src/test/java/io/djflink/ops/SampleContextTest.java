package io.djflink.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SampleContextTest {

    @Test
    void derivedValueIsComputedOnceForTheSameInput() {
        SampleContext ctx = new SampleContext();
        AtomicInteger calls = new AtomicInteger();
        String text = "a b";

        ctx.derive("__dj__words-None", text, t -> calls.incrementAndGet());
        ctx.derive("__dj__words-None", text, t -> calls.incrementAndGet());

        assertThat(calls).hasValue(1);
    }

    @Test
    void derivedValueIsRecomputedForANewInputEvenIfEqual() {
        SampleContext ctx = new SampleContext();
        AtomicInteger calls = new AtomicInteger();

        ctx.derive("lines", new String("x"), t -> calls.incrementAndGet());
        ctx.derive("lines", new String("x"), t -> calls.incrementAndGet());

        assertThat(calls).hasValue(2);
    }

    @Test
    void clearForgetsEverything() {
        SampleContext ctx = new SampleContext();
        String text = "x";
        ctx.derive("lines", text, t -> 1);

        ctx.clear();

        assertThat(ctx.values()).isEmpty();
        Integer again = ctx.derive("lines", text, t -> 2);

        assertThat(again).isEqualTo(2);
    }

    @Test
    void valuesKeepInsertionOrder() {
        SampleContext ctx = new SampleContext();
        ctx.derive("b", "x", t -> 1);
        ctx.derive("a", "x", t -> 2);

        assertThat(ctx.values()).containsExactly(java.util.Map.entry("b", 1), java.util.Map.entry("a", 2));
    }
}
