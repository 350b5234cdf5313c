package io.djflink.ops.text;

import io.djflink.ops.Mapper;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.util.Map;

/** Builds registered mappers from recipe-style arguments and runs them on one text. */
final class MapperTestSupport {

    private MapperTestSupport() {}

    static Mapper mapper(String op, Map<String, ?> args) {
        return (Mapper) OpRegistry.get().factory(op).create(args);
    }

    static Mapper mapper(String op) {
        return mapper(op, Map.of());
    }

    /** The text after the mapper ran on a sample holding only {@code text}. */
    static String run(Mapper m, String text) throws Exception {
        Sample s = Sample.ofText("text", text);
        m.map(s, new SampleContext());
        return s.text("text");
    }
}
