package io.djflink.ops;

import java.util.ArrayList;
import java.util.List;

/** The arguments every Data-Juicer op accepts (base OP.__init__), and those every filter adds. */
public final class CommonParams {

    private CommonParams() {}

    public static final List<ParamSpec> ALL =
            List.of(
                    ParamSpec.of("text_key", ParamType.STRING, "text", "the sample field holding the text"),
                    ParamSpec.of("image_key", ParamType.STRING, "images", "the field listing image paths"),
                    ParamSpec.of("audio_key", ParamType.STRING, "audios", "the field listing audio paths"),
                    ParamSpec.of("video_key", ParamType.STRING, "videos", "the field listing video paths"),
                    ParamSpec.of("image_bytes_key", ParamType.STRING, "image_bytes", "the field with encoded image bytes"),
                    ParamSpec.of("system_key", ParamType.STRING, "system", "dialog field: system prompt"),
                    ParamSpec.of("instruction_key", ParamType.STRING, "instruction", "dialog field: instruction"),
                    ParamSpec.of("prompt_key", ParamType.STRING, "prompt", "dialog field: prompt"),
                    ParamSpec.of("query_key", ParamType.STRING, "query", "dialog field: query"),
                    ParamSpec.of("response_key", ParamType.STRING, "response", "dialog field: response"),
                    ParamSpec.of("history_key", ParamType.STRING, "history", "dialog field: history"),
                    ParamSpec.of("index_key", ParamType.STRING, null, "accepted for compatibility; djflink orders samples by source position"),
                    ParamSpec.of("batch_size", ParamType.INT, 1000L, "accepted for compatibility; fused ops run per sample").positive(),
                    ParamSpec.of("num_proc", ParamType.INT, -1L, "accepted for compatibility; parallelism comes from np"),
                    ParamSpec.of("cpu_required", ParamType.FLOAT, 1.0, "accepted for compatibility").allowNull(),
                    ParamSpec.of("gpu_required", ParamType.FLOAT, 0.0, "accepted for compatibility").allowNull(),
                    ParamSpec.of("mem_required", ParamType.ANY, 0L, "accepted for compatibility (GB or a size string)").allowNull(),
                    ParamSpec.of("accelerator", ParamType.STRING, null, "cpu or cuda, for model ops"),
                    ParamSpec.of("skip_op_error", ParamType.BOOL, true, "route a sample the op fails on to the error output and go on"),
                    ParamSpec.of("turbo", ParamType.BOOL, false, "accepted for compatibility"),
                    ParamSpec.of("work_dir", ParamType.STRING, null, "the run's work directory (set from the recipe)"));

    public static final List<ParamSpec> FILTER;

    static {
        List<ParamSpec> f = new ArrayList<>(ALL);
        f.add(ParamSpec.of("min_closed_interval", ParamType.BOOL, true, "the lower bound is inclusive"));
        f.add(ParamSpec.of("max_closed_interval", ParamType.BOOL, true, "the upper bound is inclusive"));
        f.add(ParamSpec.of("reversed_range", ParamType.BOOL, false, "keep samples outside the range instead"));
        FILTER = List.copyOf(f);
    }
}
