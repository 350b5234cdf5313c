package io.djflink.ops;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Every op factory on the classpath, by Data-Juicer name. */
public final class OpRegistry {

    private static volatile OpRegistry defaultRegistry;

    private final TreeMap<String, OpFactory> factories = new TreeMap<>();

    private OpRegistry(Iterable<OpFactory> found) {
        for (OpFactory f : found) {
            OpFactory prev = factories.put(f.identifier(), f);
            if (prev != null) {
                throw new IllegalStateException(
                        "two factories claim op '" + f.identifier() + "': "
                                + prev.getClass().getName() + " and " + f.getClass().getName());
            }
        }
    }

    /** The registry of this class loader's ops, loaded once. */
    public static OpRegistry get() {
        OpRegistry r = defaultRegistry;
        if (r == null) {
            synchronized (OpRegistry.class) {
                r = defaultRegistry;
                if (r == null) {
                    r = new OpRegistry(ServiceLoader.load(OpFactory.class, OpRegistry.class.getClassLoader()));
                    defaultRegistry = r;
                }
            }
        }
        return r;
    }

    /** A registry of exactly the given factories (tests). */
    public static OpRegistry of(Collection<OpFactory> factories) {
        return new OpRegistry(factories);
    }

    public boolean contains(String name) {
        return factories.containsKey(name);
    }

    /**
     * The factory for {@code name}.
     *
     * @throws ParamException naming the closest and all registered ops if there is none
     */
    public OpFactory factory(String name) {
        OpFactory f = factories.get(name);
        if (f == null) {
            throw new ParamException(
                    null,
                    "unknown op '" + name + "'" + Suggest.didYouMean(name, factories.keySet())
                            + "; registered ops: " + String.join(", ", factories.keySet()));
        }
        return f;
    }

    /** All factories, sorted by name. */
    public List<OpFactory> all() {
        return Collections.unmodifiableList(new ArrayList<>(factories.values()));
    }
}
