package io.djflink.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates one op from its parameters. Factories are found by {@link java.util.ServiceLoader}
 * (listed in {@code META-INF/services/io.djflink.ops.OpFactory}) and identified by the Data-Juicer
 * op name.
 */
public abstract class OpFactory {

    /** The Data-Juicer op name, e.g. {@code text_length_filter}. */
    public abstract String identifier();

    public abstract OpKind kind();

    /** One line on what the op does. */
    public abstract String doc();

    /** The op's own parameters, in Data-Juicer's signature order. */
    protected abstract List<ParamSpec> ownParams();

    /** Creates the op; throws {@link ParamException} for a value the op cannot accept. */
    public abstract Op create(Params params);

    /** The op's own parameters (not the common ones), for listings. */
    public final List<ParamSpec> ownParameters() {
        return Collections.unmodifiableList(new ArrayList<>(ownParams()));
    }

    /** Every parameter the op accepts: its own, then the common ones of its kind. */
    public final List<ParamSpec> params() {
        List<ParamSpec> all = new ArrayList<>(ownParams());
        List<ParamSpec> common =
                kind() == OpKind.FILTER ? CommonParams.FILTER : CommonParams.ALL;
        for (ParamSpec c : common) {
            if (all.stream().noneMatch(p -> p.name().equals(c.name()))) {
                all.add(c);
            }
        }
        return Collections.unmodifiableList(all);
    }

    /** Binds raw recipe values (YAML/JSON scalars, lists, maps) to parameters and creates the op. */
    public final Op create(Map<String, ?> args) {
        return create(bind(args));
    }

    /**
     * Binds raw values strictly: unknown keys, wrong types and out-of-range values are refused
     * with a {@link ParamException} naming the parameter (the first problem found; see
     * {@link #check} for all of them).
     */
    public final Params bind(Map<String, ?> args) {
        List<ParamException> problems = new ArrayList<>();
        Params p = bind(args, problems);
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
        return p;
    }

    /** Every binding problem of these raw values, in argument order; empty when they bind. */
    public final List<ParamException> check(Map<String, ?> args) {
        List<ParamException> problems = new ArrayList<>();
        bind(args, problems);
        return problems;
    }

    private Params bind(Map<String, ?> args, List<ParamException> problems) {
        Map<String, ParamSpec> specs = new LinkedHashMap<>();
        for (ParamSpec p : params()) {
            specs.put(p.name(), p);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParamSpec p : specs.values()) {
            values.put(p.name(), p.defaultValue());
        }
        if (args != null) {
            for (Map.Entry<String, ?> e : args.entrySet()) {
                ParamSpec spec = specs.get(e.getKey());
                if (spec == null) {
                    problems.add(new ParamException(
                            e.getKey(),
                            "unknown parameter '" + e.getKey() + "' of op " + identifier()
                                    + Suggest.didYouMean(e.getKey(), specs.keySet())
                                    + "; valid parameters: " + String.join(", ", ownNames(specs))));
                    continue;
                }
                try {
                    values.put(spec.name(), ParamBinder.convert(identifier(), spec, e.getValue()));
                } catch (ParamException pe) {
                    problems.add(pe);
                }
            }
        }
        return new Params(identifier(), values);
    }

    private List<String> ownNames(Map<String, ParamSpec> specs) {
        List<String> names = new ArrayList<>();
        for (ParamSpec p : ownParams()) {
            names.add(p.name());
        }
        names.add("(common: " + String.join(", ", commonNames()) + ")");
        return names;
    }

    private List<String> commonNames() {
        List<String> names = new ArrayList<>();
        for (ParamSpec c : kind() == OpKind.FILTER ? CommonParams.FILTER : CommonParams.ALL) {
            names.add(c.name());
        }
        return names;
    }
}
