package io.djflink.ops;

import java.util.List;

/** Renders the op reference (docs/ops.md) from the registry's declarations. */
public final class OpReference {

    private OpReference() {}

    public static String markdown(OpRegistry registry) {
        StringBuilder sb = new StringBuilder();
        List<OpFactory> all = registry.all();
        sb.append("# Op reference\n\n");
        sb.append("Generated from the op registry by `bin/djflink ops --markdown > docs/ops.md`; a test fails when it is stale.\n");
        sb.append("Every op also accepts Data-Juicer's common arguments (`text_key`, `skip_op_error`, ...; see `djflink ops --common`),\n");
        sb.append("and every filter `min_closed_interval`, `max_closed_interval` and `reversed_range`.\n\n");
        sb.append(all.size()).append(" ops are registered.\n\n");
        sb.append("| op | kind | what it does |\n|---|---|---|\n");
        for (OpFactory f : all) {
            sb.append("| [`").append(f.identifier()).append("`](#").append(f.identifier()).append(") | ")
                    .append(f.kind().label()).append(" | ").append(escape(f.doc())).append(" |\n");
        }
        for (OpFactory f : all) {
            sb.append("\n## ").append(f.identifier()).append("\n\n");
            sb.append(f.kind().label()).append(": ").append(escape(f.doc())).append("\n\n");
            List<ParamSpec> own = f.ownParameters();
            if (own.isEmpty()) {
                sb.append("No parameters besides the common ones.\n");
                continue;
            }
            sb.append("| parameter | type | default | doc |\n|---|---|---|---|\n");
            for (ParamSpec p : own) {
                sb.append("| `").append(p.name()).append("` | ").append(escape(p.type().display())).append(" | `")
                        .append(escape(p.defaultDisplay())).append("` | ").append(escape(p.doc())).append(" |\n");
            }
        }
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
